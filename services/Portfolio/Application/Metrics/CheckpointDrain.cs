using Microsoft.Extensions.Options;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// On a graceful stop (SIGTERM: a deploy, a restart), after the server has finished its requests,
/// waits for the metrics checkpoints still being written (<see cref="CheckpointWriter.DrainAsync"/>),
/// at most <see cref="MetricsOptions.CheckpointWritesOnStop"/>, so the next start answers from the
/// state this process last computed instead of reading the whole ledger. A cut write is logged;
/// the next start then falls back to older checkpoints or the full read, as after a crash.
/// </summary>
public sealed partial class CheckpointDrain(CheckpointWriter writer, IOptions<MetricsOptions> options, ILogger<CheckpointDrain> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var limit = options.Value.CheckpointWritesOnStop;
        var cut = await writer.DrainAsync(limit);
        if (cut > 0)
        {
            LogCut(logger, cut, limit.TotalSeconds);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning,
        Message = "Stopping: the metrics checkpoints of {Users} users were not written within {Seconds} s; their next cold start reads older checkpoints or the ledger")]
    private static partial void LogCut(ILogger logger, int users, double seconds);
}
