using PortfolioTracker.MarketData.Application;
using PortfolioTracker.MarketData.Caching;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Grpc;
using PortfolioTracker.MarketData.Ingestion;
using PortfolioTracker.MarketData.Messaging;
using PortfolioTracker.MarketData.Offline;
using PortfolioTracker.MarketData.Providers;
using PortfolioTracker.MarketData.Providers.AlphaVantage;
using PortfolioTracker.MarketData.Workers;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Startup;

namespace PortfolioTracker.MarketData;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults(connection => connection.Options = MarketDataConnection.StagingOptions);
        builder.AddRedis();
        var services = builder.Services;

        // Data: SQL only.
        services.AddSingleton<StockRepository>();
        services.AddSingleton<PriceRepository>();
        services.AddSingleton<FxRepository>();
        services.AddSingleton<FinancialsRepository>();
        services.AddSingleton<DividendEventRepository>();
        services.AddSingleton<ExchangeRepository>();
        services.AddSingleton<MarketHolidayRepository>();
        services.AddSingleton<TrackedSymbolRepository>();
        services.AddSingleton<ApiCacheCleaner>();
        services.AddSingleton<IProviderStateStore, ProviderStateRepository>();

        // Providers, caching, messaging.
        builder.AddAlphaVantageProvider();
        services.AddSingleton<LatestCloseCache>();
        services.AddSingleton<PriceAnnouncer>();

        // Application: use cases the adapters and the workers call.
        services.AddSingleton<MarketCalendar>();
        services.AddSingleton<BarWriter>();
        services.AddSingleton<LatestCloseReader>();
        services.AddSingleton<ValuationSeriesReader>();
        services.AddSingleton<PriceStreamHub>();
        services.AddSingleton<PriceIngestor>();
        services.AddSingleton<DividendEventIngestor>();
        services.AddSingleton<OfflineImporter>();

        // Workers.
        services.AddOptions<OfflineOptions>()
            .BindConfiguration(OfflineOptions.SectionName)
            .Validate(o => o.Directory is null || o.Directory.IndexOfAny(Path.GetInvalidPathChars()) < 0,
                $"{OfflineOptions.SectionName}:Directory is not a valid path.")
            .ValidateOnStart();
        services.AddSingleton<OfflineImportWorker>();
        services.AddHostedService(provider => provider.GetRequiredService<OfflineImportWorker>());
        services.AddHealthChecks().AddCheck<OfflineImportWorker>("offline-dataset");

        services.AddOptions<IngestionOptions>()
            .BindConfiguration(IngestionOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero && o.Interval <= TimeSpan.FromDays(30),
                $"{IngestionOptions.SectionName} needs an Interval above zero and at most 30 days.")
            .ValidateOnStart();
        services.AddHostedService<IngestionWorker>();

        services.AddOptions<ApiCacheCleanupOptions>()
            .BindConfiguration(ApiCacheCleanupOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero && o.Interval <= TimeSpan.FromDays(30) && o.BatchSize > 0,
                $"{ApiCacheCleanupOptions.SectionName} needs an Interval above zero and at most 30 days, and a positive BatchSize.")
            .ValidateOnStart();
        services.AddHostedService<ApiCacheCleanupWorker>();

        services.AddHostedService<PriceAnnouncementListener>();
        // Last: warm (pool, the offline dataset, what valuations read) before the server listens.
        services.AddStartupWarmUp<MarketDataWarmUp>();
    }

    public static void MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGrpcService<StockGrpcService>();
        app.MapGrpcService<PriceGrpcService>();
        app.MapGrpcService<FxGrpcService>();
        app.MapGrpcService<FinancialsGrpcService>();
        app.MapGrpcService<DividendEventGrpcService>();
        app.MapGrpcService<ExchangeGrpcService>();
        app.MapGrpcService<IngestionGrpcService>();
    }
}
