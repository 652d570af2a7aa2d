namespace PortfolioTracker.MarketData.Domain;

public sealed record ResolvedRate(string From, string To, DateOnly Date, decimal Rate, FxDerivation Derivation);
