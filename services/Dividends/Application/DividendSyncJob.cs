using Microsoft.Extensions.Options;
using System.ComponentModel.DataAnnotations;
using PortfolioTracker.Dividends.Data;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Dividends.Application;

/// <summary>The background sync's pace: how often it runs and how many users one run may sync.</summary>
public sealed class DividendSyncJobOptions
{
    public const string Section = "Dividends:SyncJob";

    /// <summary>Off, the service syncs only when a user asks (<c>POST /v1/dividends:sync</c>).</summary>
    public bool Enabled { get; set; } = true;

    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Users one run syncs at most: bounded work, the longest unsynced first.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>A claim older than this is taken to be abandoned (an instance that stopped mid-run).</summary>
    [TimeSpanRange("00:00:10", "1.00:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(10);
}

/// <summary>What one run did: the users it synced and those whose sync failed.</summary>
public sealed record SyncJobRun(IReadOnlyList<Guid> Synced, IReadOnlyList<Guid> Failed);

/// <summary>
/// One run of the background sync. No user asked for it, so no user token exists: the users to
/// sync are found and claimed as <c>service_role</c> (<see cref="SyncJobRepository"/>), and each
/// is then synced by <see cref="DividendSync"/>, the same code as <c>POST /v1/dividends:sync</c>,
/// under that user's own claims. Portfolio is asked with the service's short-lived credential
/// naming the user and runs the read under the user's claims too, so RLS isolates every user's
/// rows in every query. A failure is recorded on the user's progress row and the run goes on.
/// </summary>
public sealed partial class DividendSyncJob(
    RlsDatabase database, SyncJobRepository jobs, IServiceScopeFactory scopes, ServiceCredential credential,
    IOptions<DividendSyncJobOptions> options, TimeProvider clock, ILogger<DividendSyncJob> logger)
{
    public async Task<SyncJobRun> RunOnceAsync(CancellationToken ct)
    {
        var settings = options.Value;
        var oldest = await database.RunAsync(DbClaims.ServiceRole, s => jobs.OldestSyncStartAsync(s, ct), ct);
        await using var scope = scopes.CreateAsyncScope();
        var events = scope.ServiceProvider.GetRequiredService<EventReader>();
        var (changed, _) = await events.ChangedSymbolsAsync(oldest is { } t ? DateText.Format(t) : null, ct, credential.Headers());
        var lastChanged = changed.Count > 0 ? await events.LastChangedAsync(changed, ct, credential.Headers()) : new Dictionary<string, DateTime>();
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var claimed = await database.RunAsync(DbClaims.ServiceRole,
            s => jobs.ClaimAsync(s, lastChanged, today, settings.BatchSize, settings.ClaimTimeout, ct), ct);

        var sync = scope.ServiceProvider.GetRequiredService<DividendSync>();
        List<Guid> synced = [], failed = [];
        foreach (var userId in claimed)
        {
            try
            {
                await sync.RunForUserAsync(userId, ct);
                synced.Add(userId);
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                failed.Add(userId);
                var error = e is RpcException rpc ? rpc.StatusCode.ToString() : e.GetType().Name;
                LogUserSyncFailed(logger, error);
                await database.RunAsync(DbClaims.ServiceRole, s => jobs.FailAsync(s, userId, error, ct), ct);
            }
        }
        if (claimed.Count > 0)
        {
            LogRun(logger, synced.Count, failed.Count);
        }
        return new SyncJobRun(synced, failed);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A user's background dividend sync failed ({Error}); it is retried on a later run")]
    private static partial void LogUserSyncFailed(ILogger logger, string error);

    [LoggerMessage(Level = LogLevel.Information, Message = "Background dividend sync: {Synced} users synced, {Failed} failed")]
    private static partial void LogRun(ILogger logger, int synced, int failed);
}
