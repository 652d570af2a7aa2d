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
