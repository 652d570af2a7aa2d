namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>One stored FX quote: <see cref="Rate"/> units of <see cref="To"/> per unit of <see cref="From"/>.</summary>
public readonly record struct FxQuote(string From, string To, DateOnly Date, decimal Rate);
