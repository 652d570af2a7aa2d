namespace PortfolioTracker.MarketData.Providers;

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
