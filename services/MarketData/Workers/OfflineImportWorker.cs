using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using PortfolioTracker.MarketData.Offline;

namespace PortfolioTracker.MarketData.Workers;

/// <summary>
/// Loads the configured offline dataset once at start, in the background. Until it is
/// loaded the service reports itself not ready (<c>/health</c>), so nothing that waits for
/// MarketData sees half a dataset; a failed load is logged and does not keep it unready.
/// </summary>
public sealed partial class OfflineImportWorker(
    OfflineImporter importer, IOptions<OfflineOptions> options, ILogger<OfflineImportWorker> logger) : BackgroundService, IHealthCheck
{
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the dataset is loaded, or its load failed or was not asked for.</summary>
    public Task Settled => _settled.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(options.Value.Directory))
            {
                await importer.ImportAsync(new OfflineDataset(options.Value.Directory), stoppingToken);
            }
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, options.Value.Directory!);
        }
        finally
        {
            _settled.TrySetResult();
        }
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_settled.Task.IsCompleted ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("The offline dataset is still loading."));

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the offline dataset {Folder} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string folder);
}
