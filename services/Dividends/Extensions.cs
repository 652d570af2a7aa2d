using PortfolioTracker.Dividends.Application;
using PortfolioTracker.Dividends.Caching;
using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Messaging;
using PortfolioTracker.Dividends.Workers;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Cache;

namespace PortfolioTracker.Dividends;

public static class Extensions
{
    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddGrpcServiceDefaults();
        builder.AddRedis();

        // Data: SQL only.
        builder.Services.AddSingleton<DividendRepository>();
        builder.Services.AddSingleton<SyncJobRepository>();

        // The service's own short-lived service-role credential, for the calls no user token may
        // make (ledger decisions) and the background sync, which has no user token.
        builder.Services.AddOptions<ServiceCredentialOptions>()
            .BindConfiguration(ServiceCredentialOptions.Section)
            .PostConfigure<IConfiguration, IHostEnvironment>((options, configuration, environment) => options.SigningKeyPath = Path.GetFullPath(
                options.SigningKeyPath ?? configuration["Auth:SigningKeyPath"] ?? Path.Combine("..", "..", ".local", "keys", "jwt-signing-key.pem"),
                environment.ContentRootPath))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<ServiceCredential>();

        // The ledger comes from Portfolio, events, prices and FX from MarketData: in batches,
        // with the caller's own token, so every read there runs under the same user's RLS.
        CallerTokenForwarding.AddServiceClient<DividendLedgerService.DividendLedgerServiceClient>(builder.Services, "portfolio");
        CallerTokenForwarding.AddServiceClient<HoldingService.HoldingServiceClient>(builder.Services, "portfolio");
        CallerTokenForwarding.AddServiceClient<DividendEventService.DividendEventServiceClient>(builder.Services, "marketdata");
        CallerTokenForwarding.AddServiceClient<PriceService.PriceServiceClient>(builder.Services, "marketdata");
        CallerTokenForwarding.AddServiceClient<FxService.FxServiceClient>(builder.Services, "marketdata");

        // Application: scoped, as the clients they call carry the caller's token.
        builder.Services.AddScoped<LedgerReader>();
        builder.Services.AddScoped<EventReader>();
        builder.Services.AddScoped<DividendSync>();
        builder.Services.AddScoped<DividendDecisions>();
        builder.Services.AddSingleton<SettledFxRates>();
        builder.Services.AddScoped<FxToBase>();
        builder.Services.AddScoped<IncomeQuery>();
        builder.Services.AddScoped<UpcomingQuery>();

        // The background sync: users whose ledger or events changed, a bounded batch per run.
        builder.Services.AddOptions<DividendSyncJobOptions>()
            .BindConfiguration(DividendSyncJobOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton<DividendSyncJob>();
        builder.Services.AddHostedService<DividendSyncWorker>();

        // New pending dividends announced by any replica reach the streams open on this one.
        builder.Services.AddSingleton<PendingDividendHub>();
        builder.Services.AddHostedService<PendingDividendRelay>();
    }
}
