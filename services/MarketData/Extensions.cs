using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Ingestion;
using PortfolioTracker.MarketData.Maintenance;
using PortfolioTracker.MarketData.Offline;
using PortfolioTracker.MarketData.Providers.AlphaVantage;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Cache;

namespace PortfolioTracker.MarketData;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults(connection => connection.Options = MarketDataConnection.StagingOptions);
        builder.AddAlphaVantageProvider();
        builder.AddRedis();
        builder.Services.AddSingleton<StockRepository>();
        builder.Services.AddSingleton<PriceRepository>();
        builder.Services.AddSingleton<FxRepository>();
        builder.Services.AddSingleton<MarketCalendar>();
        builder.Services.AddSingleton<FinancialsRepository>();
        builder.Services.AddSingleton<ExchangeRepository>();
        builder.Services.AddSingleton<PriceUpdates>();

        builder.Services.Configure<OfflineOptions>(builder.Configuration.GetSection("MarketData:Offline"));
        builder.Services.AddSingleton<OfflineImporter>();
        builder.Services.AddSingleton<OfflineImportService>();
        builder.Services.AddHostedService(provider => provider.GetRequiredService<OfflineImportService>());
        builder.Services.AddHealthChecks().AddCheck<OfflineImportService>("offline-dataset");

        builder.Services.Configure<IngestionOptions>(builder.Configuration.GetSection("MarketData:Ingestion"));
        builder.Services.AddSingleton<TrackedSymbolRepository>();
        builder.Services.AddSingleton<PriceIngestor>();
        builder.Services.AddHostedService<IngestionWorker>();

        builder.Services.AddOptions<ApiCacheCleanupOptions>()
            .Bind(builder.Configuration.GetSection(ApiCacheCleanupOptions.SectionName))
            .Validate(o => o.Interval > TimeSpan.Zero && o.Interval <= TimeSpan.FromDays(30) && o.BatchSize > 0,
                $"{ApiCacheCleanupOptions.SectionName} needs an Interval above zero and at most 30 days, and a positive BatchSize.")
            .ValidateOnStart();
        builder.Services.AddSingleton<ApiCacheCleaner>();
        builder.Services.AddHostedService<ApiCacheCleanupWorker>();
    }
}
