using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Caching;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// On a graceful stop (SIGTERM: a deploy, a restart), after the server has finished its requests,
/// waits for the metrics writes that run after their answers, at most
/// <see cref="MetricsOptions.WritesOnStop"/> for all of them: computed results still being recorded
/// and cached (<see cref="PendingStores"/>), then the checkpoints still being written
/// (<see cref="CheckpointWriter.DrainAsync"/>), so the next start answers from the state this
/// process last computed instead of reading the whole ledger. A cut write is logged; the next start
/// then computes those results again and falls back to older checkpoints or the full read, as after a crash.
/// </summary>
public sealed partial class MetricsWritesDrain(
    PendingStores stores, CheckpointWriter writer, IOptions<MetricsOptions> options, TimeProvider clock, ILogger<MetricsWritesDrain> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.WritesOnStop;
        var started = clock.GetTimestamp();
        var cutStores = await stores.DrainAsync(limit);
        if (cutStores > 0)
        {
            LogStoresCut(logger, cutStores, limit.TotalSeconds);
        }
        var left = limit - clock.GetElapsedTime(started);
        var cutCheckpoints = await writer.DrainAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        if (cutCheckpoints > 0)
        {
            LogCheckpointsCut(logger, cutCheckpoints, limit.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stopping: computed metrics of {Users} users were not recorded within {Seconds} s; their next request computes them again")]
    private static partial void LogStoresCut(ILogger logger, int users, double seconds);

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stopping: the metrics checkpoints of {Users} users were not written within {Seconds} s; their next cold start reads older checkpoints or the ledger")]
    private static partial void LogCheckpointsCut(ILogger logger, int users, double seconds);
}
