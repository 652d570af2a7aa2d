using System.Globalization;
using System.Text;

namespace PortfolioTracker.Portfolio.Tests.Import;

/// <summary>Seeded import files for tests that need many rows.</summary>
internal static class GeneratedFiles
{
    /// <summary>
    /// Buys and sells of <paramref name="tickers"/> in date order, one row every <paramref name="step"/>
    /// days from <paramref name="first"/> (a sell never exceeds what the file holds), seeded.
    /// </summary>
    public static string BuysAndSells(IReadOnlyList<string> tickers, int rows, int seed, DateOnly first, int step = 1)
    {
        var random = new Random(seed);
        var held = new decimal[tickers.Count];
        var csv = new StringBuilder("type,symbol,quantity,price,date,currency,commission,notes\n");
        for (var i = 0; i < rows; i++)
        {
            var ticker = random.Next(tickers.Count);
            var sell = held[ticker] >= 2 && random.Next(4) == 0;
            var quantity = sell ? Math.Floor(held[ticker] / 2) : random.Next(1, 40);
            held[ticker] += sell ? -quantity : quantity;
            csv.Append(CultureInfo.InvariantCulture,
                $"{(sell ? "SELL" : "BUY")},{tickers[ticker]},{quantity},{random.Next(20, 400)}.{random.Next(100):00},{first.AddDays(i * step):yyyy-MM-dd},USD,1,\n");
        }
        return csv.ToString();
    }
}
