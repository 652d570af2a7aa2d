using Microsoft.Extensions.Options;

namespace PortfolioTracker.MarketData.Offline;

public sealed class OfflineOptions
{
    /// <summary>A dataset folder to load at start (the bundled sample data in development); none when empty.</summary>
    public string? Directory { get; set; }
}

/// <summary>Loads the configured offline dataset once at start, in the background.</summary>
public sealed partial class OfflineImportService(
    OfflineImporter importer, IOptions<OfflineOptions> options, ILogger<OfflineImportService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (string.IsNullOrWhiteSpace(options.Value.Directory))
        {
            return;
        }
        try
        {
            await importer.ImportAsync(new OfflineDataset(options.Value.Directory), stoppingToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogFailed(logger, exception, options.Value.Directory);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Loading the offline dataset {Folder} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string folder);
}
