namespace PortfolioTracker.MarketData.Domain;

/// <summary>A rate as answered: stored, inverted or crossed, dated by its oldest leg.</summary>
public sealed record ResolvedRate(string From, string To, DateOnly Date, decimal Rate, FxDerivation Derivation);
