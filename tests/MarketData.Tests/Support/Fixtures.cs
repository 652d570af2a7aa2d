namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>Real Alpha Vantage payloads (see Fixtures/AlphaVantage/SOURCES.md for where each comes from).</summary>
public static class Fixtures
{
    public const string DailyIbm2020 = "TIME_SERIES_DAILY.ibm-2020.crazzyghost.json";
    public const string DailyAapl2024 = "TIME_SERIES_DAILY.aapl-2024.findocker.json";
    public const string DailyAdjustedIbm2020 = "TIME_SERIES_DAILY_ADJUSTED.ibm-2020.crazzyghost.json";
    public const string DailyAdjustedIbm2024 = "TIME_SERIES_DAILY_ADJUSTED.ibm-2024.frankcollins3.json";
    public const string FxEurUsd2020 = "FX_DAILY.eurusd-2020.crazzyghost.json";
    public const string FxUsdEur2024 = "FX_DAILY.usdeur-2024.findocker.json";
    public const string QuoteIbm2020 = "GLOBAL_QUOTE.ibm-2020.crazzyghost.json";
    public const string OverviewIbm2021 = "OVERVIEW.ibm-2021.crazzyghost.json";
    public const string OverviewIbm2024 = "OVERVIEW.ibm-2024.findocker.json";
    public const string IncomeStatementIbm2020 = "INCOME_STATEMENT.ibm-2020.crazzyghost.json";
    public const string DividendsIbm2024 = "DIVIDENDS.ibm-2024.findocker.json";
    public const string SplitsIbm = "SPLITS.ibm.json";
    public const string CurrencyExchangeRateBtcCny2020 = "CURRENCY_EXCHANGE_RATE.btccny-2020.crazzyghost.json";
    public const string InvalidSymbol = "ERROR.invalid-symbol-error-message.json";
    public const string PremiumEndpoint = "ERROR.premium-endpoint-information.json";
    public const string RateLimitNoteLegacy = "ERROR.rate-limit-note-legacy.json";
    public const string RateLimit25PerDay = "ERROR.rate-limit-information-25-per-day.json";
    public const string RateLimit2025 = "ERROR.rate-limit-information-2025.json";

    public static string PathOf(string fileName) =>
        Path.Combine(AppContext.BaseDirectory, "Fixtures", "AlphaVantage", fileName);

    public static string Read(string fileName) => File.ReadAllText(PathOf(fileName));
}
