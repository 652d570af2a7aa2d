namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>What the engine needs to know about a symbol: its quote currency, its sector and its closes.</summary>
public sealed record Security(string Currency, string? Sector, ClosePriceSeries Closes);
