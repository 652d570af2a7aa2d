namespace PortfolioTracker.MarketData.Providers;

/// <summary>A split; non-integer factors can encode spin-offs (IBM 2021-11-04, 1.046 = Kyndryl).</summary>
public sealed record SplitEvent(DateOnly EffectiveDate, decimal SplitFactor);
