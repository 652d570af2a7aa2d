namespace PortfolioTracker.MarketData.Providers;

public sealed record FxDailyRate(DateOnly Date, decimal Rate);
