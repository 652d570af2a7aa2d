namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>Bound from <c>MarketData:AlphaVantage</c>. Defaults fit the free tier.</summary>
public sealed class AlphaVantageOptions
{
    public const string SectionName = "MarketData:AlphaVantage";

    public Uri BaseUrl { get; set; } = new("https://www.alphavantage.co/");

    /// <summary>Secret: from user secrets or the environment, never from appsettings; never logged.</summary>
    public string ApiKey { get; set; } = "";

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Retries of transient faults after the first attempt; each retry spends quota.</summary>
    public int MaxRetries { get; set; } = 2;

    /// <summary>First retry delay; doubles per retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public int CallsPerMinute { get; set; } = 5;

    public int CallsPerDay { get; set; } = 25;

    public int BreakerFailureThreshold { get; set; } = 5;

    public TimeSpan BreakerBreakDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a raw response is reused, by Alpha Vantage function name. Functions not listed are not cached.</summary>
    public Dictionary<string, TimeSpan> CacheTtl { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [AlphaVantageFunctions.GlobalQuote] = TimeSpan.FromMinutes(1),
        [AlphaVantageFunctions.TimeSeriesDaily] = TimeSpan.FromHours(12),
        [AlphaVantageFunctions.TimeSeriesDailyAdjusted] = TimeSpan.FromHours(12),
        [AlphaVantageFunctions.FxDaily] = TimeSpan.FromHours(12),
        [AlphaVantageFunctions.Dividends] = TimeSpan.FromDays(7), // also how often a tracked symbol's dividends are asked for
        [AlphaVantageFunctions.Splits] = TimeSpan.FromDays(7),
        [AlphaVantageFunctions.Overview] = TimeSpan.FromDays(7),
        [AlphaVantageFunctions.IncomeStatement] = TimeSpan.FromDays(7),
    };
}
