using PortfolioTracker.Portfolio.Alerts;
using PortfolioTracker.Portfolio.Application;
using PortfolioTracker.Portfolio.Application.Dividends;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Application.Portfolios;
using PortfolioTracker.Portfolio.Application.Profile;
using PortfolioTracker.Portfolio.Application.Transactions;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.Portfolio.Workers;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Startup;

namespace PortfolioTracker.Portfolio;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.AddRedis();

        builder.Services.AddOptions<InMemoryOptions>().BindConfiguration(InMemoryOptions.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<MetricsOptions>().BindConfiguration(MetricsOptions.Section)
            .ValidateDataAnnotations()
            .Validate(options => Codes.IsSymbol(options.DefaultBenchmark), "DefaultBenchmark must be a ticker symbol.")
            .ValidateOnStart();

        // Data: SQL only.
        builder.Services.AddSingleton<PortfolioRepository>();
        builder.Services.AddSingleton<TransactionRepository>();
        builder.Services.AddSingleton<HoldingRepository>();
        builder.Services.AddSingleton<LedgerRepository>();
        builder.Services.AddSingleton<LedgerCheckpointRepository>();
        builder.Services.AddSingleton<ProfileRepository>();
        builder.Services.AddSingleton<WatchlistRepository>();
        builder.Services.AddSingleton<AlertRepository>();
        builder.Services.AddSingleton<MetricsCacheRepository>();
        builder.Services.AddSingleton<DividendLedgerRepository>();

        // Caching: Redis and process memory.
        builder.Services.AddSingleton<PendingStores>();
        builder.Services.AddSingleton<MetricsCache>();
        builder.Services.AddSingleton<LedgerCache>();
        builder.Services.AddSingleton<LedgerStateCache>();
        builder.Services.AddSingleton<MarketSeriesCache>();

        // Application: writes with their after-effects, reads that gather their inputs.
        builder.Services.AddSingleton<UserDataChanged>();
        builder.Services.AddSingleton<HoldingsWriter>();
        builder.Services.AddSingleton<TransactionWriter>();
        builder.Services.AddSingleton<PortfolioWriter>();
        // The ledger's side of dividends, for the Dividends service.
        builder.Services.AddSingleton<ShareHistoryReader>();
        builder.Services.AddSingleton<DividendDecisionWriter>();
        // Scoped: they call MarketData with the caller's token.
        builder.Services.AddScoped<BaseCurrencyCoverage>();
        builder.Services.AddScoped<ProfileWriter>();
        builder.Services.AddSingleton<LedgerSource>();
        builder.Services.AddSingleton<LedgerRefresher>();
        builder.Services.AddSingleton<LedgerStates>();
        builder.Services.AddSingleton<CheckpointWriter>();
        builder.Services.AddHostedService<MetricsWritesDrain>();
        // Prices, FX and master data come from MarketData with the caller's token: one
        // GetValuationSeries call per valuation (PriceService), FX checks of a new base currency.
        CallerTokenForwarding.AddServiceClient<PriceService.PriceServiceClient>(builder.Services, "marketdata");
        CallerTokenForwarding.AddServiceClient<FxService.FxServiceClient>(builder.Services, "marketdata");
        builder.Services.AddScoped<MarketSnapshotLoader>();
        builder.Services.AddScoped<MetricsInputLoader>();
        builder.Services.AddScoped<CheckpointSummary>();

        // Alerts fired on any replica reach the streams open on this one.
        builder.Services.AddSingleton<FiredAlertHub>();

        // Workers: listeners on the price topic (alerts) and on stored batches (held closes and
        // cached metrics), one on fired alerts, and the hit counter.
        builder.Services.AddHostedService<PriceAlertEvaluator>();
        builder.Services.AddHostedService<PriceCacheRetirement>();
        builder.Services.AddHostedService<FiredAlertRelay>();
        builder.Services.AddHostedService<MetricsHitFlusher>();
        builder.Services.AddHostedService<MarketDataChannelWarmUp>();
        // Last: warm (pool, hot paths) before the server listens.
        builder.Services.AddStartupWarmUp<PortfolioWarmUp>();
    }

    public static void MapGrpcServices(this WebApplication app)
    {
        app.MapGrpcService<TransactionGrpcService>();
        app.MapGrpcService<PortfolioGrpcService>();
        app.MapGrpcService<ProfileGrpcService>();
        app.MapGrpcService<WatchlistGrpcService>();
        app.MapGrpcService<AlertGrpcService>();
        app.MapGrpcService<HoldingGrpcService>();
        app.MapGrpcService<MetricsGrpcService>();
        app.MapGrpcService<DividendLedgerGrpcService>();
    }
}
