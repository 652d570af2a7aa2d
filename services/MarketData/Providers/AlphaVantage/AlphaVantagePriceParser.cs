using System.Text.Json;
using static PortfolioTracker.MarketData.Providers.AlphaVantage.AlphaVantageJson;

namespace PortfolioTracker.MarketData.Providers.AlphaVantage;

/// <summary>
/// Daily series, FX series and quotes. Series keys are the trading dates in the series' own
/// time zone ("5. Time Zone": US/Eastern for stocks, UTC for FX); they are taken as they are,
/// never converted, and gaps (weekends, holidays, FX days bucketed onto a Sunday) are kept.
/// </summary>
public static class AlphaVantagePriceParser
{
    private const string StockSeriesKey = "Time Series (Daily)";
    private const string FxSeriesKey = "Time Series FX (Daily)";

    /// <summary>Bars oldest first (the provider sends newest first; a jsonb cache round trip loses order entirely).</summary>
    public static IReadOnlyList<DailyBar> DailyBars(JsonElement root, bool adjusted)
    {
        var bars = new List<DailyBar>();
        foreach (var (date, point) in Series(root, StockSeriesKey))
        {
            var close = RequiredDecimal(point, "close");
            bars.Add(adjusted
                ? new DailyBar(date,
                    RequiredDecimal(point, "open"), RequiredDecimal(point, "high"), RequiredDecimal(point, "low"), close,
                    RequiredDecimal(point, "adjusted close"), RequiredLong(point, "volume"),
                    RequiredDecimal(point, "dividend amount"), RequiredDecimal(point, "split coefficient"))
                : new DailyBar(date,
                    RequiredDecimal(point, "open"), RequiredDecimal(point, "high"), RequiredDecimal(point, "low"), close,
                    AdjustedClose: close, RequiredLong(point, "volume"), DividendAmount: 0m, SplitCoefficient: 1m));
        }
        return bars;
    }

    /// <summary>Closing rates oldest first.</summary>
    public static IReadOnlyList<FxDailyRate> FxDailyRates(JsonElement root) =>
        [.. Series(root, FxSeriesKey).Select(entry => new FxDailyRate(entry.Date, RequiredDecimal(entry.Point, "close")))];

    /// <summary>Change percent is in percent units: "0.4207%" → 0.4207.</summary>
    public static Quote Quote(JsonElement root)
    {
        var quote = RequiredField(root, "Global Quote");
        return new Quote(
            RequiredText(quote, "symbol"),
            RequiredDecimal(quote, "price"),
            RequiredDecimal(quote, "open"),
            RequiredDecimal(quote, "high"),
            RequiredDecimal(quote, "low"),
            RequiredLong(quote, "volume"),
            RequiredDate(quote, "latest trading day"),
            RequiredDecimal(quote, "previous close"),
            RequiredDecimal(quote, "change"),
            ParseDecimal(RequiredText(quote, "change percent").TrimEnd('%'), "change percent"));
    }

    private static IEnumerable<(DateOnly Date, JsonElement Point)> Series(JsonElement root, string seriesKey)
    {
        if (!root.TryGetProperty(seriesKey, out var series) || series.ValueKind != JsonValueKind.Object)
        {
            throw Bad($"'{seriesKey}' is missing");
        }
        return series.EnumerateObject()
            .Select(point => (Date: ParseDate(point.Name, seriesKey), Point: point.Value))
            .OrderBy(entry => entry.Date)
            .ToList();
    }
}
