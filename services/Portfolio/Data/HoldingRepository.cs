using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>SQL for <c>holdings</c>, one row per (portfolio, symbol) that was ever traded.</summary>
public sealed class HoldingRepository
{
    /// <summary>
    /// Serialises changes to these positions for the rest of the transaction, so two concurrent
    /// sells cannot both pass the "enough shares" check. One statement; the locks are taken in
    /// the order given (callers sort, so concurrent changes cannot deadlock).
    /// </summary>
    public async Task LockAsync(RlsSession session, IReadOnlyList<(Guid PortfolioId, string Symbol)> positions, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync(
            """
            select pg_advisory_xact_lock(hashtextextended(k.portfolio_id::text || '/' || k.symbol, 0))
            from unnest($1::uuid[], $2::text[]) with ordinality as k(portfolio_id, symbol, n)
            order by k.n
            """,
            ct, PortfolioIds(positions), Symbols(positions));

    /// <summary>
    /// Each position's transactions in replay order (<see cref="LedgerOrder"/>), in one query. The
    /// rows come unordered and each position is sorted here: an import's positions are most of
    /// the user's ledger, and PostgreSQL sorted 100,000 rows on disk (work_mem) for the order this
    /// sort gives in memory. Guid's ordering is the uuid's byte order, as PostgreSQL orders them.
    /// </summary>
    public async Task<IReadOnlyDictionary<(Guid PortfolioId, string Symbol), List<LedgerLine>>> LedgersAsync(
        RlsSession session, Guid userId, IReadOnlyList<(Guid PortfolioId, string Symbol)> positions, CancellationToken ct) =>
        InReplayOrder(await StoredLinesAsync(session, userId, positions, ct));

    /// <summary>
    /// Each position's stored transactions with the time each was recorded, unordered (one query):
    /// what <see cref="InReplayOrder"/> orders, with rows about to be inserted added first.
    /// </summary>
    public async Task<Dictionary<(Guid PortfolioId, string Symbol), List<(LedgerLine Line, DateTime CreatedAt)>>> StoredLinesAsync(
        RlsSession session, Guid userId, IReadOnlyList<(Guid PortfolioId, string Symbol)> positions, CancellationToken ct)
    {
        var rows = positions.Distinct().ToDictionary(p => p, _ => new List<(LedgerLine Line, DateTime CreatedAt)>());
        await using var reader = await session.ExecuteReaderAsync(
            """
            select portfolio_id, symbol, id, transaction_type, date, quantity, price, currency, created_at from transactions
            where user_id = $1 and (portfolio_id, symbol) in (select * from unnest($2::uuid[], $3::text[]))
            """,
            ct, userId, PortfolioIds(positions), Symbols(positions));
        while (await reader.ReadAsync(ct))
        {
            TransactionTypes.TryParse(reader.GetString(3), out var type);
            rows[(reader.GetGuid(0), reader.GetString(1))].Add((new LedgerLine(
                reader.GetGuid(2), type, reader.GetFieldValue<DateOnly>(4), reader.GetDecimal(5), reader.GetDecimal(6), reader.GetString(7)),
                reader.GetDateTime(8)));
        }
        return rows;
    }

    /// <summary>Each position's lines sorted as <c>LedgerSql.ProcessingOrder</c>: date, rank of the type, created_at, id.</summary>
    public static IReadOnlyDictionary<(Guid PortfolioId, string Symbol), List<LedgerLine>> InReplayOrder(
        Dictionary<(Guid PortfolioId, string Symbol), List<(LedgerLine Line, DateTime CreatedAt)>> rows) =>
        rows.ToDictionary(p => p.Key, p =>
        {
            p.Value.Sort(static (x, y) =>
            {
                var order = x.Line.Date.CompareTo(y.Line.Date);
                if (order == 0) order = LedgerOrder.Rank(x.Line.Type).CompareTo(LedgerOrder.Rank(y.Line.Type));
                if (order == 0) order = x.CreatedAt.CompareTo(y.CreatedAt);
                return order != 0 ? order : x.Line.Id.CompareTo(y.Line.Id);
            });
            return p.Value.ConvertAll(r => r.Line);
        });

    /// <summary>Stores the replayed positions in two statements: closed-out ones (null) deleted, the rest upserted.</summary>
    public async Task SaveAsync(
        RlsSession session, Guid userId, IReadOnlyList<((Guid PortfolioId, string Symbol) Key, ReplayedHolding? Holding)> positions, CancellationToken ct)
    {
        var gone = positions.Where(p => p.Holding is null).Select(p => p.Key).ToList();
        if (gone.Count > 0)
        {
            await session.ExecuteNonQueryAsync(
                """
                delete from holdings
                where user_id = $1 and (portfolio_id, symbol) in (select * from unnest($2::uuid[], $3::text[]))
                """,
                ct, userId, PortfolioIds(gone), Symbols(gone));
        }
        var held = positions.Where(p => p.Holding is not null).ToList();
        if (held.Count > 0)
        {
            await session.ExecuteNonQueryAsync(
                """
                insert into holdings (user_id, portfolio_id, symbol, quantity, average_price)
                select $1, p.portfolio_id, p.symbol, p.quantity, p.average_price
                from unnest($2::uuid[], $3::text[], $4::numeric[], $5::numeric[]) as p(portfolio_id, symbol, quantity, average_price)
                on conflict (user_id, portfolio_id, symbol) do update
                    set quantity = excluded.quantity, average_price = excluded.average_price
                where (holdings.quantity, holdings.average_price) is distinct from (excluded.quantity, excluded.average_price)
                """,
                ct, userId, PortfolioIds(held.Select(p => p.Key).ToList()), Symbols(held.Select(p => p.Key).ToList()),
                new NpgsqlParameter { Value = held.Select(p => p.Holding!.Quantity).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
                new NpgsqlParameter { Value = held.Select(p => p.Holding!.AveragePrice).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
        }
    }

    private static NpgsqlParameter PortfolioIds(IReadOnlyList<(Guid PortfolioId, string Symbol)> positions) =>
        new() { Value = positions.Select(p => p.PortfolioId).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Uuid };

    private static NpgsqlParameter Symbols(IReadOnlyList<(Guid PortfolioId, string Symbol)> positions) =>
        new() { Value = positions.Select(p => p.Symbol).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    public async Task<IReadOnlyList<HoldingRow>> ListAsync(RlsSession session, Guid userId, Guid? portfolioId, bool includeClosed, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select portfolio_id, symbol, quantity, average_price, updated_at from holdings
            where user_id = $1 and ($2::uuid is null or portfolio_id = $2) and ($3 or quantity > 0)
            order by symbol, portfolio_id
            """,
            ct, userId, new NpgsqlParameter { Value = (object?)portfolioId ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Uuid }, includeClosed);
        var rows = new List<HoldingRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new HoldingRow(reader.GetGuid(0), reader.GetString(1), reader.GetDecimal(2),
                reader.IsDBNull(3) ? null : reader.GetDecimal(3), reader.GetDateTime(4)));
        }
        return rows;
    }
}
