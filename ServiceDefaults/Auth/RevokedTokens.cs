using Microsoft.Extensions.Logging;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// The ids of revoked tokens (<c>auth.revoked_tokens</c>), held in memory and re-read at most
/// every <see cref="RefreshInterval"/>, so checking a token costs a set look-up and the database
/// sees one small query per interval per process, whatever the traffic. A revocation takes
/// effect everywhere within that interval.
/// </summary>
public sealed partial class RevokedTokens(RlsDatabase database, TimeProvider time, ILogger<RevokedTokens> logger)
{
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _reload = new(1, 1);
    private volatile Snapshot? _snapshot;

    public async ValueTask<bool> IsRevokedAsync(string? jti, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(jti, out var id))
        {
            return false;
        }
        var snapshot = _snapshot;
        if (snapshot is null || time.GetUtcNow() - snapshot.ReadAt >= RefreshInterval)
        {
            snapshot = await ReloadAsync(cancellationToken);
        }
        return snapshot.Ids.Contains(id);
    }

    private async Task<Snapshot> ReloadAsync(CancellationToken cancellationToken)
    {
        await _reload.WaitAsync(cancellationToken);
        try
        {
            // Another caller may have reloaded while this one waited.
            if (_snapshot is { } fresh && time.GetUtcNow() - fresh.ReadAt < RefreshInterval)
            {
                return fresh;
            }
            var ids = await database.RunAsync(DbClaims.ServiceRole, async session =>
            {
                var set = new HashSet<Guid>();
                await using var reader = await session.ExecuteReaderAsync(
                    "select jti from auth.revoked_tokens where expires_at > now()", cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    set.Add(reader.GetGuid(0));
                }
                return set;
            }, cancellationToken);
            return _snapshot = new Snapshot(ids, time.GetUtcNow());
        }
        catch (Exception exception) when (exception is Npgsql.NpgsqlException or TimeoutException && _snapshot is { } last)
        {
            // The database is unreachable: keep the last list rather than refuse every caller;
            // the request's own database work fails anyway if the outage persists.
            LogReloadFailed(exception);
            return last;
        }
        finally
        {
            _reload.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not re-read the revoked token list; using the last one")]
    private partial void LogReloadFailed(Exception exception);

    private sealed record Snapshot(HashSet<Guid> Ids, DateTimeOffset ReadAt);
}
