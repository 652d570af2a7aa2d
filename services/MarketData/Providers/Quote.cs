namespace PortfolioTracker.MarketData.Providers;

public sealed record Quote(
    string Symbol,
    decimal Price,
    decimal Open,
    decimal High,
    decimal Low,
    long Volume,
    DateOnly LatestTradingDay,
    decimal PreviousClose,
    decimal Change,
    decimal ChangePercent);
