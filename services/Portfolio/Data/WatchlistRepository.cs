using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Portfolio.Domain.Watchlist;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// SQL for <c>watchlist</c>. RLS limits every statement to the caller's rows; the explicit
/// <c>user_id = $1</c> lets the planner use the (user_id, symbol) key.
/// </summary>
public sealed class WatchlistRepository
{
    private const string Columns = "id, symbol, notes, target_price, created_at";

    public async Task<IReadOnlyList<WatchlistRow>> ListAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from watchlist where user_id = $1 order by symbol", ct, userId);
        var rows = new List<WatchlistRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    /// <summary>Adds the symbol, or replaces the notes and target of the one already watched.</summary>
    public async Task<WatchlistRow> UpsertAsync(RlsSession session, Guid userId, WatchlistEntry entry, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            insert into watchlist (user_id, symbol, notes, target_price)
            values ($1, $2, $3, $4)
            on conflict (user_id, symbol) do update set
              notes = excluded.notes,
              target_price = excluded.target_price
            returning {Columns}
            """,
            ct,
            userId, entry.Symbol,
            new NpgsqlParameter { Value = (object?)entry.Notes ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)entry.TargetPrice ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Numeric });
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>False when no such row is the caller's (unknown or another user's: both look the same).</summary>
    public async Task<bool> DeleteAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync("delete from watchlist where user_id = $1 and id = $2", ct, userId, id) == 1;

    private static WatchlistRow Read(NpgsqlDataReader reader) => new(
        reader.GetGuid(0),
        reader.GetString(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetDecimal(3),
        reader.GetDateTime(4));
}
