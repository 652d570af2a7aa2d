using Microsoft.Extensions.Options;
using Polly;
using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

public static class AlphaVantageRegistration
{
    /// <summary>
    /// <see cref="IMarketDataProvider"/> as Alpha Vantage, configured from <c>MarketData:AlphaVantage</c>.
    /// Its state lives wherever the registered <see cref="IProviderStateStore"/> keeps it (the
    /// service registers the Postgres one), so the provider knows nothing of SQL.
    /// </summary>
    public static TBuilder AddAlphaVantageProvider<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        var services = builder.Services;
        services.AddOptions<AlphaVantageOptions>()
            .BindConfiguration(AlphaVantageOptions.SectionName)
            .Validate(options => options.CallsPerMinute > 0 && options.CallsPerDay > 0, "Alpha Vantage call budgets must be positive.")
            .Validate(options => options.BreakerFailureThreshold > 0 && options.BreakerBreakDuration > TimeSpan.Zero, "Alpha Vantage breaker settings must be positive.")
            .Validate(options => options.AttemptTimeout > TimeSpan.Zero && options.MaxRetries >= 0, "Alpha Vantage timeout must be positive, retries not negative.")
            .Validate(options => options.RetryBaseDelay >= TimeSpan.Zero, "Alpha Vantage retry delay must not be negative.")
            .Validate(options => options.BaseUrl.IsAbsoluteUri, "Alpha Vantage base URL must be absolute.")
            .Validate(options => options.CacheTtl.Values.All(ttl => ttl >= TimeSpan.Zero), "Alpha Vantage cache lifetimes must not be negative.")
            .ValidateOnStart();

        // One gate per process: the breaker and the quota must be shared by every request.
        services.AddKeyedSingleton(AlphaVantageClient.ServiceName, (provider, _) =>
        {
            var options = provider.GetRequiredService<IOptions<AlphaVantageOptions>>().Value;
            var time = provider.GetRequiredService<TimeProvider>();
            return new ProviderCallGate(
                AlphaVantageClient.ServiceName,
                new CircuitBreaker(options.BreakerFailureThreshold, options.BreakerBreakDuration, time),
                new QuotaLimiter(options.CallsPerMinute, options.CallsPerDay, time),
                provider.GetRequiredService<IProviderStateStore>(),
                provider.GetRequiredService<ILogger<ProviderCallGate>>());
        });

        services.AddResiliencePipeline(AlphaVantageResilience.PipelineName, (pipeline, context) =>
            AlphaVantageResilience.Configure(pipeline,
                context.ServiceProvider.GetRequiredService<IOptions<AlphaVantageOptions>>().Value,
                context.ServiceProvider.GetRequiredService<TimeProvider>()));

        var httpClient = services.AddHttpClient<IMarketDataProvider, AlphaVantageClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<AlphaVantageOptions>>().Value;
            http.BaseAddress = options.BaseUrl;
            // The pipeline's per-attempt timeout governs; this only backstops a stuck stream.
            http.Timeout = options.AttemptTimeout + TimeSpan.FromSeconds(5);
        });

        // The service defaults' standard handler would retry on its own, unseen by the quota and
        // the breaker: every call must be counted, so this client keeps only its own pipeline.
        // (Marked for evaluation, but it is the documented way to opt one client out of the defaults.)
#pragma warning disable EXTEXP0001
        httpClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
        return builder;
    }
}
