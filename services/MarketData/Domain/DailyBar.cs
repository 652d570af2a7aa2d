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

/// <summary>The last close of a symbol on or before some date.</summary>
public sealed record LatestClose(string Symbol, DateOnly Date, decimal Close, string Currency);

/// <summary>One stored rate: units of <c>To</c> per unit of <c>From</c> on <c>Date</c>.</summary>
public sealed record StoredRate(string From, string To, DateOnly Date, decimal Rate);
