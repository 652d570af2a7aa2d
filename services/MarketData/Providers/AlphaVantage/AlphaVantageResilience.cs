using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>
/// Retries (outer) around a per-attempt timeout (inner). Each attempt goes through the
/// <see cref="Resilience.ProviderCallGate"/> itself, so every retry is admitted by the circuit
/// breaker and paid for from the quota like any other call.
/// </summary>
public static class AlphaVantageResilience
{
    public const string PipelineName = "alpha-vantage";

    public static void Configure(ResiliencePipelineBuilder pipeline, AlphaVantageOptions options, TimeProvider time)
    {
        pipeline.TimeProvider = time;
        // Polly refuses a retry strategy with zero attempts; MaxRetries = 0 means none at all.
        if (options.MaxRetries > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions
            {
                // Transient faults only: never an invalid symbol, a premium endpoint, a bad
                // payload, a spent budget or an open circuit.
                ShouldHandle = new PredicateBuilder()
                    .Handle<MarketDataProviderException>(exception => exception.IsRetryable)
                    .Handle<TimeoutRejectedException>(),
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
            });
        }
        pipeline.AddTimeout(options.AttemptTimeout);
    }
}
