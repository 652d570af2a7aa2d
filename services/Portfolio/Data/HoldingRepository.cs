using NpgsqlTypes;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

public sealed record HoldingRow(Guid PortfolioId, string Symbol, decimal Quantity, decimal? AveragePrice, DateTime UpdatedAt);

/// <summary>SQL for <c>holdings</c>, one row per (portfolio, symbol) that was ever traded.</summary>
public sealed class HoldingRepository
{
    /// <summary>
    /// Serialises changes to one position for the rest of the transaction, so two concurrent
    /// sells cannot both pass the "enough shares" check.
    /// </summary>
    public async Task LockAsync(RlsSession session, Guid portfolioId, string symbol, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync(
            "select pg_advisory_xact_lock(hashtextextended($1::text || '/' || $2, 0))", ct, portfolioId, symbol);

    /// <summary>The position's transactions in replay order (<see cref="LedgerOrder"/>).</summary>
    public async Task<IReadOnlyList<LedgerLine>> LedgerAsync(RlsSession session, Guid userId, Guid portfolioId, string symbol, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            select id, transaction_type, date, quantity, price, currency from transactions
            where user_id = $1 and portfolio_id = $2 and symbol = $3
            order by {LedgerSql.ProcessingOrder}
            """,
            ct, userId, portfolioId, symbol);
        var lines = new List<LedgerLine>();
        while (await reader.ReadAsync(ct))
        {
            TransactionTypes.TryParse(reader.GetString(1), out var type);
            lines.Add(new LedgerLine(reader.GetGuid(0), type, reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3), reader.GetDecimal(4), reader.GetString(5)));
        }
        return lines;
    }

    public async Task SaveAsync(RlsSession session, Guid userId, Guid portfolioId, string symbol, Position? position, CancellationToken ct)
    {
        if (position is null)
        {
            await session.ExecuteNonQueryAsync(
                "delete from holdings where user_id = $1 and portfolio_id = $2 and symbol = $3", ct, userId, portfolioId, symbol);
            return;
        }
        await session.ExecuteNonQueryAsync(
            """
            insert into holdings (user_id, portfolio_id, symbol, quantity, average_price)
            values ($1, $2, $3, $4, $5)
            on conflict (user_id, portfolio_id, symbol) do update
                set quantity = excluded.quantity, average_price = excluded.average_price
            where (holdings.quantity, holdings.average_price) is distinct from (excluded.quantity, excluded.average_price)
            """,
            ct, userId, portfolioId, symbol, position.Quantity,
            new Npgsql.NpgsqlParameter { Value = (object?)position.AveragePrice ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
    }

    public async Task<IReadOnlyList<HoldingRow>> ListAsync(RlsSession session, Guid userId, Guid? portfolioId, bool includeClosed, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select portfolio_id, symbol, quantity, average_price, updated_at from holdings
            where user_id = $1 and ($2::uuid is null or portfolio_id = $2) and ($3 or quantity > 0)
            order by symbol, portfolio_id
            """,
            ct, userId, new Npgsql.NpgsqlParameter { Value = (object?)portfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }, includeClosed);
        var rows = new List<HoldingRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new HoldingRow(reader.GetGuid(0), reader.GetString(1), reader.GetDecimal(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.GetDateTime(4)));
        }
        return rows;
    }
}
