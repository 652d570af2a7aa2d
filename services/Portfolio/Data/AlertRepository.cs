using Npgsql;
using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// SQL for <c>price_alerts</c>. User calls run as the caller (RLS, and <c>user_id = $1</c> for the
/// index); <see cref="FireAsync"/> runs as service_role across users, as prices arrive.
/// </summary>
public sealed class AlertRepository
{
    private const string Columns = "id, symbol, target_price, condition, is_active, created_at, triggered_at, triggered_price";

    public async Task<IReadOnlyList<PriceAlert>> ListAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from price_alerts where user_id = $1 order by symbol, condition, target_price", ct, userId);
        var alerts = new List<PriceAlert>();
        while (await reader.ReadAsync(ct))
        {
            alerts.Add(Read(reader, 0));
        }
        return alerts;
    }

    /// <summary>Arms the alert; the same alert already stored is re-armed (active again, trigger cleared).</summary>
    public async Task<PriceAlert> UpsertAsync(RlsSession session, Guid userId, NewAlert alert, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            insert into price_alerts (user_id, symbol, target_price, condition)
            values ($1, $2, $3, $4)
            on conflict (user_id, symbol, condition, target_price) do update set
              is_active = true,
              triggered_at = null,
              triggered_price = null
            returning {Columns}
            """,
            ct,
            userId, alert.Symbol, alert.TargetPrice, alert.Condition.ToStorage());
        await reader.ReadAsync(ct);
        return Read(reader, 0);
    }

    /// <summary>False when no such row is the caller's (unknown or another user's: both look the same).</summary>
    public async Task<bool> DeleteAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync("delete from price_alerts where user_id = $1 and id = $2", ct, userId, id) == 1;

    /// <summary>
    /// Fires, in one statement, every active alert of the symbol that the close crosses (the rule of
    /// <see cref="AlertRules.Fires"/>), through idx_price_alerts_active_symbol. Concurrent
    /// evaluations of the same close (one per replica) fire each alert once: the second finds the
    /// row no longer active when it re-checks it after the first commits.
    /// </summary>
    public async Task<IReadOnlyList<FiredAlert>> FireAsync(RlsSession session, PriceAnnouncement close, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            update price_alerts
            set is_active = false, triggered_at = now(), triggered_price = $2
            where symbol = $1
              and is_active
              and ((condition = 'above' and $2 >= target_price) or (condition = 'below' and $2 <= target_price))
            returning user_id, {Columns}
            """,
            ct,
            close.Symbol, close.Close);
        var fired = new List<FiredAlert>();
        while (await reader.ReadAsync(ct))
        {
            fired.Add(new FiredAlert(reader.GetGuid(0), Read(reader, 1)));
        }
        return fired;
    }

    private static PriceAlert Read(NpgsqlDataReader reader, int first) => new(
        reader.GetGuid(first),
        reader.GetString(first + 1),
        reader.GetDecimal(first + 2),
        AlertConditions.FromStorage(reader.GetString(first + 3)),
        reader.GetBoolean(first + 4),
        reader.GetDateTime(first + 5),
        reader.IsDBNull(first + 6) ? null : reader.GetDateTime(first + 6),
        reader.IsDBNull(first + 7) ? null : reader.GetDecimal(first + 7));
}
