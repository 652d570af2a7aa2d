namespace PortfolioTracker.MarketData.Providers;

public enum MarketDataProviderErrorKind
{
    /// <summary>The provider does not know the symbol or rejected the parameters.</summary>
    InvalidSymbol,

    /// <summary>A call budget is spent (ours, checked before calling out, or the provider's).</summary>
    RateLimited,

    /// <summary>The endpoint or parameter needs a paid plan.</summary>
    PremiumOnly,

    /// <summary>The provider could not be reached or answered with a server error or too slowly.</summary>
    Unavailable,

    /// <summary>The provider answered with something we cannot read.</summary>
    BadPayload,
}

/// <summary>Which budget a rate limit refers to, where the message tells.</summary>
public enum RateLimitScope
{
    Unknown,
    PerMinute,
    PerDay,
}

/// <summary>
/// Every failure of a provider call. Messages never contain the API key or a request URL
/// (provider text is redacted before it gets here).
/// </summary>
public class MarketDataProviderException : Exception
{
    public MarketDataProviderException(MarketDataProviderErrorKind kind, string message, bool isRetryable = false, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        IsRetryable = isRetryable;
    }

    public MarketDataProviderErrorKind Kind { get; }

    /// <summary>Whether trying the same call again soon can succeed (transient faults only).</summary>
    public bool IsRetryable { get; }
}

/// <summary>A call refused for quota reasons; <see cref="RetryAfter"/> says when the budget frees up.</summary>
public sealed class MarketDataRateLimitedException(RateLimitScope scope, TimeSpan? retryAfter, string message)
    : MarketDataProviderException(MarketDataProviderErrorKind.RateLimited, message)
{
    public RateLimitScope Scope { get; } = scope;

    public TimeSpan? RetryAfter { get; } = retryAfter;
}

/// <summary>Refused without calling out because the circuit is open; <see cref="RetryAfter"/> is the rest of the break.</summary>
public sealed class MarketDataCircuitOpenException(TimeSpan retryAfter, string message)
    : MarketDataProviderException(MarketDataProviderErrorKind.Unavailable, message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
