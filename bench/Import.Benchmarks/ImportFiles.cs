using System.Globalization;
using System.Text;

namespace PortfolioTracker.Import.Benchmarks;

/// <summary>
/// Import files as the gateway benchmark makes them: buys and sells of 20 tickers in date order
/// over 2022–2026, with fees; a sell never exceeds what is held. Seeded, so every run imports
/// the same rows.
/// </summary>
public static class ImportFiles
{
    private static readonly string[] Tickers =
        ["AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA", "JPM", "V", "JNJ",
         "WMT", "PG", "MA", "HD", "XOM", "KO", "PEP", "NFLX", "DIS", "INTC"];

    private static readonly DateOnly First = new(2022, 1, 3);
    private static readonly DateOnly Last = new(2026, 10, 30);

    /// <summary>A history of <paramref name="rows"/> rows, cut into CSV files of <paramref name="fileRows"/> rows.</summary>
    public static IReadOnlyList<string> History(int rows, int fileRows, int seed)
    {
        var random = new Random(seed);
        var held = new decimal[Tickers.Length];
        var span = Last.DayNumber - First.DayNumber;
        var files = new List<string>();
        var file = new StringBuilder();
        for (var i = 0; i < rows; i++)
        {
            if (i % fileRows == 0)
            {
                if (file.Length > 0)
                {
                    files.Add(file.ToString());
                }
                file.Clear().Append("type,symbol,quantity,price,date,currency,commission,notes\n");
            }
            var date = First.AddDays((int)((long)span * i / rows));
            var ticker = random.Next(Tickers.Length);
            var sell = held[ticker] >= 2 && random.Next(5) == 0;
            var quantity = sell ? Math.Floor(held[ticker] / (random.Next(2) + 1)) : random.Next(1, 50);
            held[ticker] += sell ? -quantity : quantity;
            var price = Math.Round(20m + (decimal)random.NextDouble() * 400m, 2);
            file.Append(CultureInfo.InvariantCulture,
                $"{(sell ? "SELL" : "BUY")},{Tickers[ticker]},{quantity},{price},{date:yyyy-MM-dd},USD,{(random.Next(3) == 0 ? "0" : "1.5")},\n");
        }
        files.Add(file.ToString());
        return files;
    }
}
