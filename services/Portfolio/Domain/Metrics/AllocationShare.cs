namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>One slice of an allocation: market value in the base currency and its weight (fraction).</summary>
public sealed record AllocationShare(string Key, decimal MarketValue, decimal Weight);
