namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>The <c>function=</c> values this client calls.</summary>
public static class AlphaVantageFunctions
{
    public const string TimeSeriesDaily = "TIME_SERIES_DAILY";
    public const string TimeSeriesDailyAdjusted = "TIME_SERIES_DAILY_ADJUSTED";
    public const string FxDaily = "FX_DAILY";
    public const string Overview = "OVERVIEW";
    public const string IncomeStatement = "INCOME_STATEMENT";
    public const string Dividends = "DIVIDENDS";
    public const string Splits = "SPLITS";
    public const string GlobalQuote = "GLOBAL_QUOTE";
}
