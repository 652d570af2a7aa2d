using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Dividends.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.Dividends.Application;

public sealed record SyncOutcome(int Created, int Updated, int Removed, int Unchanged);

/// <summary>
/// A user's sync: share history from Portfolio and events from MarketData (one call each), the
/// dividends owed computed in <see cref="OwedDividends"/>, the difference to the stored rows
/// (<see cref="SyncPlan"/>) applied in one database transaction with the sync's progress row.
/// When neither the ledger (its version), the events (MarketData's change watermark) nor the
/// day moved since the last sync, nothing is read or written again. New pending rows are
/// announced to the user's open streams after the commit. One sync, two triggers: the user's
/// request (their own token goes on to Portfolio and MarketData) and the background job
/// (<see cref="DividendSyncJob"/>: the service's credential, naming the user).
/// </summary>
public sealed partial class DividendSync(
    RlsDatabase database, DividendRepository dividends, LedgerReader ledger, EventReader events, ServiceCredential credential,
    IConnectionMultiplexer redis, TimeProvider clock, ILogger<DividendSync> logger)
{
    /// <summary>A signed-in user's own sync.</summary>
    public Task<SyncOutcome> RunAsync(Caller caller, CancellationToken ct) => RunAsync(caller, serviceHeaders: null, ct);

    /// <summary>
    /// The background job's sync of a user it claimed: under the user's own claims here, and with
    /// the service credential naming the user in Portfolio. Always a full sync, so the progress row
    /// the claim marked running is written again.
    /// </summary>
    public Task<SyncOutcome> RunForUserAsync(Guid userId, CancellationToken ct) =>
        RunAsync(new Caller(DbClaims.ForUser(userId), userId), credential.Headers(), ct);

    private async Task<SyncOutcome> RunAsync(Caller caller, Metadata? serviceHeaders, CancellationToken ct)
    {
        using var whole = SyncSteps.Start(SyncSteps.Whole);
        var started = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(started.UtcDateTime);
        var state = serviceHeaders is null
            ? await SyncSteps.RunAsync(SyncSteps.StateRead, () => database.RunAsync(caller.Claims, s => dividends.SyncStateAsync(s, caller.UserId, ct), ct))
            : null;
        // The events watermark and the ledger version are asked side by side: when neither moved
        // (nor the day), that is the whole re-sync. Events that moved alone cost a second ledger call.
        var knownVersion = state?.SyncedThrough == today ? state.LedgerVersion ?? 0 : 0;
        var changedTask = SyncSteps.RunAsync(SyncSteps.Watermark, () => events.ChangedSinceAsync(state?.EventsWatermark, ct, serviceHeaders));
        var ledgerTask = SyncSteps.RunAsync(SyncSteps.ShareHistory, () => ledger.ReadAsync(caller.UserId, knownVersion, serviceHeaders, ct));
        await Task.WhenAll(changedTask, ledgerTask);
        var (eventsChanged, watermark) = changedTask.Result;
        var (version, positions) = ledgerTask.Result;
        if (positions is null)
        {
            if (!eventsChanged)
            {
                return new SyncOutcome(0, 0, 0, state!.SyncedRows);
            }
            (version, positions) = await SyncSteps.RunAsync(SyncSteps.ShareHistory, () => ledger.ReadAsync(caller.UserId, 0, serviceHeaders, ct));
        }

        var eventsBySymbol = await SyncSteps.RunAsync(SyncSteps.Events,
            () => events.ReadAsync(positions!.Where(p => p.Changes.Count > 0).Select(p => p.Symbol), ct, serviceHeaders));
        List<OwedDividend> owed;
        using (SyncSteps.Start(SyncSteps.Entitlement))
        {
            owed = OwedDividends.Compute(positions!, eventsBySymbol, today);
        }
        var record = new SyncRecord(started, today, version, watermark);
        var (plan, created) = await SyncSteps.RunAsync(SyncSteps.Write, () => database.RunAsync(caller.Claims, async session =>
        {
            var stored = await SyncSteps.RunAsync(SyncSteps.StoredRows, () => dividends.SyncRowsAsync(session, caller.UserId, ct));
            var plan = SyncPlan.Build(owed, stored);
            return (plan, await SyncSteps.RunAsync(SyncSteps.Insert, () => dividends.ApplyAsync(session, caller.UserId, plan, record, ct)));
        }, ct));
        // The notice is not part of the answer: sent off the request path, so a first sync's
        // ~1,600 new rows (some 400 KB of JSON) do not hold the caller while they go to Redis.
        _ = Task.Run(() => AnnounceAsync(caller.UserId, created), CancellationToken.None);
        return new SyncOutcome(created.Count, plan.Update.Count, plan.Remove.Count, plan.Unchanged + plan.Create.Count - created.Count);
    }

    /// <summary>Tells the user's open streams (on every replica); a failure costs the notice, never the sync.</summary>
    private async Task AnnounceAsync(Guid userId, IReadOnlyList<DividendRow> created)
    {
        if (created.Count == 0)
        {
            return;
        }
        try
        {
            await PendingDividendsAppeared.Topic.PublishAsync(redis, new PendingDividendsAppeared(userId, [.. created.Select(r =>
                new NewPendingDividend(r.Id, r.PortfolioId ?? Guid.Empty, r.Symbol, r.ExDate, r.PayDate, r.Amount, r.Currency,
                    r.SharesHeldAtExDate ?? 0m, r.TotalAmount ?? 0m, r.DividendType, r.Source))]));
        }
        catch (Exception e) when (e is RedisException or InvalidOperationException or TimeoutException)
        {
            LogAnnounceFailed(logger, created.Count, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Count} new pending dividends could not be announced to open streams ({Error})")]
    private static partial void LogAnnounceFailed(ILogger logger, int count, string error);
}
