namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// One position of the summary, all money in the base currency except the two <c>…InCurrency</c>
/// prices, which are in the position's own <see cref="Currency"/> (see <see cref="PortfolioCalculator"/>
/// for every definition).
/// </summary>
public sealed record PositionFigures(
    string Symbol,
    string Currency, // the symbol's quote currency; the last trade's when the market does not know the symbol
    string Sector, // "Unknown" when the market does not say
    decimal Quantity,
    decimal AveragePrice,
    decimal MarketPrice,
    DateOnly? MarketPriceDate, // the close behind MarketPrice; null when the last trade price stood in
    decimal MarketValue,
    decimal Investment,
    decimal Fees,
    decimal Dividends,
    decimal RealizedGain,
    decimal UnrealizedGain,
    decimal GrossPerformance,
    decimal NetPerformance,
    decimal Weight,
    decimal AveragePriceInCurrency,
    decimal MarketPriceInCurrency)
{
    public bool IsOpen => Quantity != 0;
}
