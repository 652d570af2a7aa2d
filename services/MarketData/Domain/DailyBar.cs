namespace PortfolioTracker.MarketData.Domain;

/// <summary>One trading day of a symbol, as stored permanently in <c>historical_prices</c>.</summary>
public sealed record DailyBar(
    DateOnly Date,
    decimal Open,
    decimal High,
    decimal Low,
    decimal Close,
    decimal AdjustedClose,
    long Volume,
    decimal DividendAmount,
    decimal SplitCoefficient);
