using PortfolioTracker.MarketData.Providers;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// One symbol's bars to store, in date order, priced in <paramref name="Currency"/>. With a
/// provider's <paramref name="Overview"/> the stock's master data is stored with them;
/// without, a stock row is only made sure to exist.
/// </summary>
public sealed record BarBatch(string Symbol, string Currency, IReadOnlyList<DailyBar> Bars, CompanyOverview? Overview = null);
