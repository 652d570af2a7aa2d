using PortfolioTracker.Portfolio.Alerts;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Cache;

namespace PortfolioTracker.Portfolio;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.Services.AddSingleton<PortfolioRepository>();
        builder.Services.AddSingleton<TransactionRepository>();
        builder.AddRedis();
        builder.Services.AddSingleton<ProfileRepository>();
        builder.Services.AddSingleton<WatchlistRepository>();
        builder.Services.AddSingleton<AlertRepository>();
        builder.Services.AddSingleton<FiredAlertHub>();
        builder.Services.AddHostedService<PriceAlertEvaluator>();
        builder.Services.AddHostedService<FiredAlertRelay>();
        builder.Services.AddSingleton<HoldingRepository>();
        builder.Services.AddSingleton<HoldingsWriter>();
        builder.Services.AddSingleton<TransactionStore>();
        builder.Services.AddSingleton<LedgerRepository>();
        builder.Services.Configure<InMemoryOptions>(builder.Configuration.GetSection("Portfolio:Memory"));
        builder.Services.AddSingleton<LedgerCache>();
        builder.Services.AddSingleton<LedgerSource>();
        builder.Services.AddSingleton<LedgerRefresher>();
        builder.Services.AddSingleton<MarketSeriesCache>();

        // Prices, FX and master data come from MarketData, in batches, with the caller's token.
        CallerTokenForwarding.AddServiceClient<StockService.StockServiceClient>(builder.Services, "marketdata");
        CallerTokenForwarding.AddServiceClient<PriceService.PriceServiceClient>(builder.Services, "marketdata");
        CallerTokenForwarding.AddServiceClient<FxService.FxServiceClient>(builder.Services, "marketdata");
        builder.Services.AddScoped<MarketSnapshotLoader>();
        builder.Services.AddScoped<MetricsInputLoader>();
        builder.Services.Configure<MetricsOptions>(builder.Configuration.GetSection("Portfolio:Metrics"));

        builder.Services.AddSingleton<MetricsCache>();
        builder.Services.AddHostedService<CacheMaintenance>();
    }
}
