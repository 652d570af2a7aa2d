using System.Globalization;
using System.Text;

namespace PortfolioTracker.SampleData;

/// <summary>
/// Five years of daily bars for <see cref="Tickers.All"/> (random walks from a fixed seed),
/// quarterly dividends, one split (NVDA 10-for-1, as it happened on 2024-06-10), and daily
/// EUR/USD, GBP/USD and USD/CHF rates. Weekends and New Year's/Christmas Day have no bars.
/// </summary>
internal static class SampleDataset
{
    public static readonly DateOnly FirstDay = new(2021, 11, 1);
    public static readonly DateOnly LastDay = new(2026, 10, 30);
    private const int Seed = 20261125;

    public static void Write(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "prices"));
        Directory.CreateDirectory(Path.Combine(folder, "fx"));
        var days = TradingDays().ToList();
        var random = new Random(Seed);

        var stocks = new StringBuilder("symbol,company_name,exchange,currency,sector,industry,country\n");
        var dividends = new StringBuilder("symbol,ex_date,pay_date,amount,currency\n");
        foreach (var ticker in Tickers.All)
        {
            stocks.Append(CultureInfo.InvariantCulture,
                $"{ticker.Symbol},{Quote(ticker.Name)},{Quote(ticker.Exchange)},{ticker.Currency},{Quote(ticker.Sector)},{Quote(ticker.Industry)},{Quote(ticker.Country)}\n");
            File.WriteAllText(Path.Combine(folder, "prices", ticker.Symbol + ".csv"), Prices(ticker, days, random, dividends));
        }
        File.WriteAllText(Path.Combine(folder, "stocks.csv"), stocks.ToString());
        File.WriteAllText(Path.Combine(folder, "dividends.csv"), dividends.ToString());

        foreach (var (from, to, start, volatility) in new[] { ("EUR", "USD", 1.16m, 0.07), ("GBP", "USD", 1.35m, 0.08), ("USD", "CHF", 0.92m, 0.07) })
        {
            File.WriteAllText(Path.Combine(folder, "fx", $"{from}{to}.csv"), Rates(days, random, start, volatility));
        }
        File.WriteAllText(Path.Combine(folder, "market_holidays.csv"), Holidays());
    }

    private sealed record Bar(DateOnly Date, decimal Open, decimal High, decimal Low, decimal Close, long Volume, decimal Dividend, decimal Split);

    private static string Prices(Ticker ticker, IReadOnlyList<DateOnly> days, Random random, StringBuilder dividends)
    {
        var bars = new List<Bar>();
        var price = (double)ticker.StartPrice;
        const double dt = 1 / 252.0;
        foreach (var day in days)
        {
            var split = ticker.Split is { } s && s.Date == day ? s.Ratio : 1m;
            price /= (double)split;
            var open = Money(price * (1 + Normal(random) * 0.004));
            price *= Math.Exp((ticker.Drift - ticker.Volatility * ticker.Volatility / 2) * dt + ticker.Volatility * Math.Sqrt(dt) * Normal(random));
            var close = Money(price);
            var high = Math.Max(open, close) + Money(price * Math.Abs(Normal(random)) * 0.006);
            var low = Math.Max(0.01m, Math.Min(open, close) - Money(price * Math.Abs(Normal(random)) * 0.006));
            var volume = (long)(2_000_000 + random.Next(0, 8_000_000));

            // Quarterly: the first trading day of Feb, May, Aug and Nov is an ex-date.
            var dividend = 0m;
            if (ticker.QuarterlyDividendYield > 0 && day.Month % 3 == 2 && IsFirstTradingDayOfMonth(day, days))
            {
                dividend = Math.Round(close * ticker.QuarterlyDividendYield, 4);
                dividends.Append(CultureInfo.InvariantCulture,
                    $"{ticker.Symbol},{day:yyyy-MM-dd},{day.AddDays(14):yyyy-MM-dd},{dividend},{ticker.Currency}\n");
            }
            bars.Add(new Bar(day, open, high, low, close, volume, dividend, split));
        }

        var adjusted = AdjustedCloses(bars);
        var csv = new StringBuilder("date,open,high,low,close,adjusted_close,volume,dividend_amount,split_coefficient\n");
        for (var i = 0; i < bars.Count; i++)
        {
            var bar = bars[i];
            csv.Append(CultureInfo.InvariantCulture,
                $"{bar.Date:yyyy-MM-dd},{bar.Open},{bar.High},{bar.Low},{bar.Close},{adjusted[i]},{bar.Volume},{bar.Dividend},{bar.Split}\n");
        }
        return csv.ToString();
    }

    /// <summary>
    /// Closes adjusted as data vendors do, walking back from the newest day: a split divides
    /// every earlier close by its ratio; a dividend scales every earlier close by
    /// (1 - dividend / previous close).
    /// </summary>
    private static decimal[] AdjustedCloses(IReadOnlyList<Bar> bars)
    {
        var adjusted = new decimal[bars.Count];
        var factor = 1m;
        for (var i = bars.Count - 1; i >= 0; i--)
        {
            adjusted[i] = Math.Round(bars[i].Close * factor, 4);
            factor /= bars[i].Split;
            if (bars[i].Dividend > 0 && i > 0)
            {
                factor *= 1 - bars[i].Dividend / bars[i - 1].Close;
            }
        }
        return adjusted;
    }

    private static string Rates(IReadOnlyList<DateOnly> days, Random random, decimal start, double volatility)
    {
        var csv = new StringBuilder("date,rate\n");
        var rate = (double)start;
        foreach (var day in days)
        {
            rate *= Math.Exp(volatility * Math.Sqrt(1 / 252.0) * Normal(random));
            csv.Append(CultureInfo.InvariantCulture, $"{day:yyyy-MM-dd},{Math.Round((decimal)rate, 6)}\n");
        }
        return csv.ToString();
    }

    private static string Holidays()
    {
        var csv = new StringBuilder("date,exchange,name\n");
        for (var year = FirstDay.Year; year <= LastDay.Year; year++)
        {
            foreach (var (date, name) in new[] { (new DateOnly(year, 1, 1), "New Year's Day"), (new DateOnly(year, 12, 25), "Christmas Day") })
            {
                if (date >= FirstDay && date <= LastDay && date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
                {
                    csv.Append(CultureInfo.InvariantCulture, $"{date:yyyy-MM-dd},ALL,{name}\n");
                }
            }
        }
        return csv.ToString();
    }

    private static IEnumerable<DateOnly> TradingDays()
    {
        for (var day = FirstDay; day <= LastDay; day = day.AddDays(1))
        {
            var holiday = (day.Month == 1 && day.Day == 1) || (day.Month == 12 && day.Day == 25);
            if (day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !holiday)
            {
                yield return day;
            }
        }
    }

    private static bool IsFirstTradingDayOfMonth(DateOnly day, IReadOnlyList<DateOnly> days)
    {
        var previous = day.AddDays(-1);
        while (previous >= FirstDay && !days.Contains(previous))
        {
            previous = previous.AddDays(-1);
        }
        return previous < FirstDay || previous.Month != day.Month;
    }

    /// <summary>Box-Muller: a standard normal draw from two uniform ones.</summary>
    private static double Normal(Random random) =>
        Math.Sqrt(-2.0 * Math.Log(1.0 - random.NextDouble())) * Math.Cos(2.0 * Math.PI * random.NextDouble());

    private static decimal Money(double value) => Math.Round((decimal)value, 2);

    private static string Quote(string text) => text.Contains(',') ? $"\"{text}\"" : text;
}
