using System.Globalization;
using System.Text;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>
/// A user's history: buys and sells of the 20 bundled tickers (<c>db/sample-data/data</c>) in
/// date order over 2022–2026, at each day's stored close in the stock's own currency, with
/// fees; sells never exceed what is held (some sell the whole position, later re-bought).
/// The same seed gives the same history. Written as the generic CSV of the import route.
/// </summary>
public sealed class GeneratedHistory
{
    public const string Header = "type,symbol,quantity,price,date,currency,commission,notes";

    private readonly List<string> _rows;

    private GeneratedHistory(List<string> rows) => _rows = rows;

    public int Count => _rows.Count;

    public static GeneratedHistory Create(string sampleData, int count, int seed)
    {
        var stocks = File.ReadLines(Path.Combine(sampleData, "stocks.csv")).Skip(1)
            .Select(line => line.Split(','))
            .Select(f => (Symbol: f[0], Currency: f[^4]))
            .ToList();
        var closes = stocks.ToDictionary(s => s.Symbol, s => Closes(Path.Combine(sampleData, "prices", s.Symbol + ".csv")));
        var first = new DateOnly(2022, 1, 3);
        var days = closes.Values.SelectMany(c => c.Keys).Where(d => d >= first).Distinct().Order().ToArray();

        var random = new Random(seed);
        var held = stocks.ToDictionary(s => s.Symbol, _ => 0m);
        var rows = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var date = days[(int)((long)i * days.Length / count)];
            var (symbol, currency) = stocks[random.Next(stocks.Count)];
            var price = CloseOn(closes[symbol], date);
            var fee = Math.Round((decimal)random.Next(0, 500) / 100m, 2);
            string type;
            decimal quantity;
            if (held[symbol] > 0 && random.NextDouble() < 0.3)
            {
                type = "SELL";
                quantity = random.NextDouble() < 0.1 ? held[symbol] : Math.Max(1, Math.Floor(held[symbol] * (decimal)random.NextDouble() / 2));
                held[symbol] -= quantity;
            }
            else
            {
                type = "BUY";
                quantity = random.Next(1, 25);
                held[symbol] += quantity;
            }
            rows.Add(string.Create(CultureInfo.InvariantCulture, $"{type},{symbol},{quantity},{price},{date:yyyy-MM-dd},{currency},{fee},bench {i}"));
        }
        return new GeneratedHistory(rows);
    }

    /// <summary>The history as import files of at most <paramref name="rowsPerFile"/> rows, in date order.</summary>
    public IEnumerable<string> Files(int rowsPerFile)
    {
        for (var start = 0; start < _rows.Count; start += rowsPerFile)
        {
            var file = new StringBuilder(Header).Append('\n');
            foreach (var row in _rows.Skip(start).Take(rowsPerFile))
            {
                file.Append(row).Append('\n');
            }
            yield return file.ToString();
        }
    }

    /// <summary>The rows of one file, for reporting a rate.</summary>
    public int RowsIn(int fileIndex, int rowsPerFile) => Math.Min(rowsPerFile, _rows.Count - fileIndex * rowsPerFile);

    private static SortedList<DateOnly, decimal> Closes(string path)
    {
        var closes = new SortedList<DateOnly, decimal>();
        foreach (var fields in File.ReadLines(path).Skip(1).Select(line => line.Split(',')))
        {
            closes[DateOnly.ParseExact(fields[0], "yyyy-MM-dd", CultureInfo.InvariantCulture)] = decimal.Parse(fields[4], CultureInfo.InvariantCulture);
        }
        return closes;
    }

    /// <summary>That day's close, or the last one before it (exchanges have different holidays).</summary>
    private static decimal CloseOn(SortedList<DateOnly, decimal> closes, DateOnly date)
    {
        var keys = closes.Keys;
        int low = 0, high = keys.Count - 1, found = 0;
        while (low <= high)
        {
            var mid = (low + high) / 2;
            if (keys[mid] <= date)
            {
                found = mid;
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return closes.Values[found];
    }
}
