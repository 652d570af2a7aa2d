namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>The running state of one symbol, all money in the base currency.</summary>
internal sealed class RunningPosition(string symbol, Security? security, string tradeCurrency)
{
    public string Symbol { get; } = symbol;
    public Security? Security { get; } = security;
    /// <summary>Currency and price of the last BUY/SELL (split-adjusted): the fallback valuation when no close is known.</summary>
    public string TradeCurrency { get; set; } = tradeCurrency;
    public decimal LastTradePrice { get; set; }
    public decimal Quantity { get; set; }
    /// <summary>Cost basis of the shares held, each buy at its trade date's FX, fees excluded.</summary>
    public decimal Investment { get; set; }
    /// <summary>The same cost basis in <see cref="ValuationCurrency"/>, each trade converted at its date's FX when it is in another currency.</summary>
    public decimal InvestmentInCurrency { get; set; }
    public decimal Fees { get; set; }
    public decimal Dividends { get; set; }
    public decimal RealizedGain { get; set; }
    /// <summary>Where this position stands in its book's positions (the order they were opened).</summary>
    public int Index { get; init; }
    /// <summary>The book's day count when that day's entries last reached this position (<see cref="Book.TouchedToday"/>).</summary>
    public int TouchedOnDay { get; set; }
    /// <summary>Where the last close lookup landed, so a forward walk over days is O(1) per day.</summary>
    public int PriceCursor { get; set; } = -1;

    public string ValuationCurrency => Security?.Currency ?? TradeCurrency;
}
