using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// SQL for <c>transactions</c>. RLS already limits every statement to the caller's rows;
/// the explicit <c>user_id = $1</c> lets the planner use the index that leads with it.
/// </summary>
public sealed class TransactionRepository
{
    private const string Columns =
        "id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission, notes, exchange_rate, created_at, updated_at";

    public async Task<TransactionRow> InsertAsync(RlsSession session, Guid userId, Guid portfolioId, NewTransaction transaction, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission, notes, exchange_rate)
            values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
            returning {Columns}
            """,
            ct,
            userId, portfolioId, transaction.Type.ToStorage(), transaction.Symbol, transaction.Quantity, transaction.Price,
            transaction.Date, transaction.Currency, transaction.Commission,
            Typed(transaction.Notes, NpgsqlDbType.Text), Typed(transaction.ExchangeRate, NpgsqlDbType.Numeric));
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    public async Task<TransactionRow?> GetAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from transactions where user_id = $1 and id = $2", ct, userId, id);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Newest first; one row more than the page is read to know whether another page follows.</summary>
    public async Task<IReadOnlyList<TransactionRow>> ListAsync(RlsSession session, Guid userId, TransactionFilter filter, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            select {Columns} from transactions
            where user_id = $1
              and ($2::uuid is null or portfolio_id = $2)
              and ($3::text is null or symbol = $3)
              and ($4::date is null or (date, id) < ($4, $5))
            order by date desc, id desc
            limit $6
            """,
            ct,
            userId,
            Typed(filter.PortfolioId, NpgsqlDbType.Uuid),
            Typed(filter.Symbol, NpgsqlDbType.Text),
            Typed(filter.After?.Date, NpgsqlDbType.Date),
            Typed(filter.After?.Id, NpgsqlDbType.Uuid),
            filter.PageSize + 1);
        var rows = new List<TransactionRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    /// <summary>The rows of <see cref="InsertManyAsync"/>: its parameters $2 to $11 unnested, in file order (<c>ord</c>).</summary>
    private const string Unnested =
        """
        unnest($2::uuid[], $3::text[], $4::text[], $5::numeric[], $6::numeric[], $7::date[], $8::text[], $9::numeric[], $10::text[], $11::numeric[])
             with ordinality as r(p, t, s, q, pr, d, c, cm, n, x, ord)
        """;

    /// <summary>
    /// Inserts many rows with one statement (arrays unnested in file order); returns them in that
    /// order. The database sends back only what it made (the id and the times); the other columns
    /// are what was sent (no trigger changes an inserted row), so they are not read back. The ids
    /// are one run of time-ordered ids (migration 081): one random draw for the whole file instead
    /// of one per row, each a system call (with the audit rows' ids, also drawn once per statement
    /// now, about 70 ms of a 10,000-row insert).
    /// </summary>
    public Task<IReadOnlyList<TransactionRow>> InsertManyAsync(
        RlsSession session, Guid userId, IReadOnlyList<(Guid PortfolioId, NewTransaction Transaction)> rows, CancellationToken ct) =>
        ReadManyAsync(session,
            $"""
            insert into transactions (id, user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission, notes, exchange_rate)
            select public.uuid_time_ordered_nth(run.prefix, run.counter, ord), $1, p, t, s, q, pr, d, c, cm, n, x
            from {Unnested}, public.uuid_time_ordered_run() as run
            order by ord
            returning id, created_at, updated_at
            """,
            userId, rows, ct);

    /// <summary>
    /// What <see cref="InsertManyAsync"/> sends and reads back, without writing anything: the same
    /// parameters, and the columns the insert returns, made up by the database. For the start's warm-up.
    /// </summary>
    public Task<IReadOnlyList<TransactionRow>> EchoManyAsync(
        RlsSession session, Guid userId, IReadOnlyList<(Guid PortfolioId, NewTransaction Transaction)> rows, CancellationToken ct) =>
        ReadManyAsync(session,
            $"""
            select gen_random_uuid(), now(), now()
            from {Unnested}
            where $1::uuid is not null
            order by ord
            """,
            userId, rows, ct);

    /// <summary>Runs <paramref name="sql"/> on the rows' arrays; each row it returns (id, created_at, updated_at) completes the sent row in its place.</summary>
    private static async Task<IReadOnlyList<TransactionRow>> ReadManyAsync(
        RlsSession session, string sql, Guid userId, IReadOnlyList<(Guid PortfolioId, NewTransaction Transaction)> rows, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            sql,
            ct,
            userId,
            Array(rows.Select(r => r.PortfolioId), NpgsqlDbType.Uuid),
            Array(rows.Select(r => r.Transaction.Type.ToStorage()), NpgsqlDbType.Text),
            Array(rows.Select(r => r.Transaction.Symbol), NpgsqlDbType.Text),
            Array(rows.Select(r => r.Transaction.Quantity), NpgsqlDbType.Numeric),
            Array(rows.Select(r => r.Transaction.Price), NpgsqlDbType.Numeric),
            Array(rows.Select(r => r.Transaction.Date), NpgsqlDbType.Date),
            Array(rows.Select(r => r.Transaction.Currency), NpgsqlDbType.Text),
            Array(rows.Select(r => r.Transaction.Commission), NpgsqlDbType.Numeric),
            Array(rows.Select(r => r.Transaction.Notes), NpgsqlDbType.Text),
            Array(rows.Select(r => r.Transaction.ExchangeRate), NpgsqlDbType.Numeric));
        var stored = new List<TransactionRow>(rows.Count);
        while (await reader.ReadAsync(ct))
        {
            var (portfolioId, sent) = rows[stored.Count];
            stored.Add(new TransactionRow(
                reader.GetGuid(0), portfolioId, sent.Type.ToStorage(), sent.Symbol, sent.Quantity, sent.Price, sent.Date, sent.Currency,
                sent.Commission, sent.Notes, sent.ExchangeRate, reader.GetDateTime(1), reader.GetDateTime(2)));
        }
        return stored;
    }

    public async Task<TransactionRow?> UpdateAsync(RlsSession session, Guid userId, Guid id, Guid portfolioId, NewTransaction transaction, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            update transactions set portfolio_id = $3, transaction_type = $4, symbol = $5, quantity = $6, price = $7,
                date = $8, currency = $9, commission = $10, notes = $11, exchange_rate = $12
            where user_id = $1 and id = $2
            returning {Columns}
            """,
            ct,
            userId, id, portfolioId, transaction.Type.ToStorage(), transaction.Symbol, transaction.Quantity, transaction.Price,
            transaction.Date, transaction.Currency, transaction.Commission,
            Typed(transaction.Notes, NpgsqlDbType.Text), Typed(transaction.ExchangeRate, NpgsqlDbType.Numeric));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Deletes one transaction; returns it as it was, or null when the caller has none with this id.</summary>
    public async Task<TransactionRow?> DeleteAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"delete from transactions where user_id = $1 and id = $2 returning {Columns}", ct, userId, id);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    private static NpgsqlParameter Typed(object? value, NpgsqlDbType type) =>
        new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };

    private static TransactionRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetGuid(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetDecimal(4),
        reader.GetDecimal(5),
        reader.GetFieldValue<DateOnly>(6),
        reader.GetString(7),
        reader.IsDBNull(8) ? 0m : reader.GetDecimal(8),
        reader.IsDBNull(9) ? null : reader.GetString(9),
        reader.IsDBNull(10) ? null : reader.GetDecimal(10),
        reader.GetDateTime(11),
        reader.GetDateTime(12));
}
