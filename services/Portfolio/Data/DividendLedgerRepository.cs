using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// SQL for the ledger's side of dividends: the share history entitlement is computed from, and
/// the <c>user_dividends</c> row a decision changes together with its DIVIDEND transaction.
/// </summary>
public sealed class DividendLedgerRepository
{
    private const string DividendColumns =
        "id, portfolio_id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, tax_withheld, notes, transaction_id, status";

    public Task<long> LedgerVersionAsync(RlsSession session, CancellationToken ct) =>
        session.ExecuteScalarAsync<long>("select public.ledger_version()", ct);

    /// <summary>Current positions with the currency of each one's last trade.</summary>
    public async Task<IReadOnlyList<PositionNowRow>> PositionsAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select h.portfolio_id, h.symbol, h.quantity, h.average_price,
                   (select t.currency from transactions t
                    where t.user_id = h.user_id and t.portfolio_id = h.portfolio_id and t.symbol = h.symbol
                      and t.transaction_type in ('BUY', 'SELL')
                    order by t.date desc limit 1)
            from holdings h
            where h.user_id = $1
            """,
            ct, userId);
        var rows = new List<PositionNowRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new(reader.GetGuid(0), reader.GetString(1), reader.GetDecimal(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }
        return rows;
    }

    /// <summary>The caller's dividend, locked for the rest of the transaction; null when they have none with this id.</summary>
    public async Task<LinkedDividendRow?> LockDividendAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {DividendColumns} from user_dividends where user_id = $1 and id = $2 for update", ct, userId, id);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>
    /// A DIVIDEND the user recorded themselves (typed in or imported) for this position on the pay
    /// or ex date, that no other dividend row is linked to yet.
    /// </summary>
    public Task<Guid?> FindMatchingTransactionAsync(
        RlsSession session, Guid userId, Guid portfolioId, string symbol, DateOnly exDate, DateOnly? payDate, CancellationToken ct) =>
        session.ExecuteScalarAsync<Guid?>(
            """
            select t.id from transactions t
            where t.user_id = $1 and t.portfolio_id = $2 and t.symbol = $3 and t.transaction_type = 'DIVIDEND'
              and t.date in ($4, coalesce($5, $4))
              and not exists (select 1 from user_dividends d where d.transaction_id = t.id)
            order by t.date = coalesce($5, $4) desc, t.created_at
            limit 1
            """,
            ct, userId, portfolioId, symbol, exDate, new NpgsqlParameter { Value = (object?)payDate ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Date });

    /// <summary>A manual dividend; null when the user already has one for this position, ex-date and type.</summary>
    public async Task<Guid?> InsertManualAsync(RlsSession session, Guid userId, DividendFields values, CancellationToken ct) =>
        await session.ExecuteScalarAsync<Guid?>(
            """
            insert into user_dividends (user_id, portfolio_id, symbol, ex_date, pay_date, record_date, declaration_date, amount, currency,
                shares_held_at_ex_date, total_amount, tax_withheld, notes, dividend_type, source, status, confirmed)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 'manual', 'confirmed', true)
            on conflict (user_id, portfolio_id, symbol, ex_date, dividend_type) do nothing
            returning id
            """,
            ct, [userId, .. Values(values)]);

    /// <summary>New values of an edited dividend.</summary>
    public Task UpdateValuesAsync(RlsSession session, Guid userId, Guid id, DividendFields values, CancellationToken ct) =>
        session.ExecuteNonQueryAsync(
            """
            update user_dividends set portfolio_id = $3, symbol = $4, ex_date = $5, pay_date = $6, record_date = $7, declaration_date = $8,
                amount = $9, currency = $10, shares_held_at_ex_date = $11, total_amount = $12, tax_withheld = $13, notes = $14, dividend_type = $15
            where user_id = $1 and id = $2
            """,
            ct, [userId, id, .. Values(values)]);

    /// <summary>The decision's status and ledger link (the specification's booleans follow the status).</summary>
    public Task SetStatusAsync(RlsSession session, Guid userId, Guid id, string status, Guid? transactionId, CancellationToken ct) =>
        session.ExecuteNonQueryAsync(
            """
            update user_dividends set status = $3, transaction_id = $4, confirmed = $3 in ('confirmed', 'edited'), rejected = $3 = 'rejected'
            where user_id = $1 and id = $2
            """,
            ct, userId, id, status, new NpgsqlParameter { Value = (object?)transactionId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid });

    public Task DeleteDividendAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct) =>
        session.ExecuteNonQueryAsync("delete from user_dividends where user_id = $1 and id = $2", ct, userId, id);

    private static object[] Values(DividendFields v) =>
    [
        v.PortfolioId, v.Symbol, v.ExDate, Typed(v.PayDate, NpgsqlDbType.Date), Typed(v.RecordDate, NpgsqlDbType.Date),
        Typed(v.DeclarationDate, NpgsqlDbType.Date), v.Amount, v.Currency, v.Shares, v.TotalAmount, v.TaxWithheld,
        Typed(v.Notes, NpgsqlDbType.Text), v.DividendType,
    ];

    private static NpgsqlParameter Typed(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static LinkedDividendRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.IsDBNull(1) ? null : r.GetGuid(1), r.GetString(2), r.GetFieldValue<DateOnly>(3),
        r.IsDBNull(4) ? null : r.GetFieldValue<DateOnly>(4), r.GetDecimal(5), r.GetString(6), r.IsDBNull(7) ? null : r.GetDecimal(7),
        r.GetDecimal(8), r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetGuid(10), r.GetString(11));
}

/// <summary>A dividend's values as a decision stores them.</summary>
public sealed record DividendFields(
    Guid PortfolioId, string Symbol, DateOnly ExDate, DateOnly? PayDate, DateOnly? RecordDate, DateOnly? DeclarationDate,
    decimal Amount, string Currency, decimal Shares, decimal TotalAmount, decimal TaxWithheld, string? Notes, string DividendType);
