using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// The metrics engine's hot paths run once on a generated ledger (no user's data): the
/// incremental state, a summary, the checkpoint codec and a summary from a decoded checkpoint,
/// the daily series, performance and risk. A fresh process compiles them here, at start, instead
/// of inside its first request.
/// </summary>
public static class EngineWarmUp
{
    private const string BaseCurrency = "USD";
    private static readonly DateOnly Start = new(2024, 1, 1);

    /// <summary>What a request would map and serialise next: a summary, a performance report and a risk report.</summary>
    public sealed record Results(SummaryFigures Summary, PerformanceReport Performance, RiskReport Risk);

    public static Results Run(int days = 400)
    {
        var last = Start.AddDays(days);
        var (market, benchmark) = Market(last);
        var entries = Ledger.Create(Entries(days)).Entries.ToArray();
        var state = LedgerState.Build(entries, market, BaseCurrency, last);
        var summary = state.Summarize(market, last);
        foreach (var written in state.Durable(CheckpointWriter.Kept))
        {
            var read = StoredCheckpoint.Read(written.Day, written.EntryCount, written.FirstEntry, written.FirstCashFlow,
                written.BookBytes(), written.FactsBytes());
            if (read is not null && read.FitsMarket(market, BaseCurrency))
            {
                read.Summarize(entries.Skip(read.EntryCount).ToList(), market, BaseCurrency, last);
            }
        }
        var series = state.DailySeries(market, last);
        var performance = PerformanceCalculator.Compute(series, BaseCurrency, state.TracksCash(last), last, PerformanceRanges.All);
        var risk = RiskCalculator.Compute(series, benchmark, 0.02m);
        return new Results(summary, performance, risk);
    }

    /// <summary>A deposit, daily buys of three stocks (one in EUR), a sale every fifth day, a dividend a month.</summary>
    private static IEnumerable<LedgerEntry> Entries(int days)
    {
        yield return new LedgerEntry(Guid.NewGuid(), TransactionType.Deposit, BaseCurrency, Start, 1, 1_000_000m, 0, BaseCurrency);
        for (var day = 0; day < days; day++)
        {
            var date = Start.AddDays(day);
            var (symbol, currency) = (day % 3) switch { 0 => ("WA", "USD"), 1 => ("WB", "USD"), _ => ("WE", "EUR") };
            yield return new LedgerEntry(Guid.NewGuid(), TransactionType.Buy, symbol, date, 2, Close(day), 0.5m, currency);
            if (day % 5 == 4)
            {
                yield return new LedgerEntry(Guid.NewGuid(), TransactionType.Sell, symbol, date, 1, Close(day), 0.5m, currency);
            }
            if (day % 30 == 29)
            {
                yield return new LedgerEntry(Guid.NewGuid(), TransactionType.Dividend, "WA", date, 1, 3.25m, 0, "USD");
            }
        }
    }

    private static (MarketSnapshot Market, ClosePriceSeries Benchmark) Market(DateOnly last)
    {
        var days = last.DayNumber - Start.DayNumber;
        var closes = new ClosePriceSeries(Enumerable.Range(0, days + 1).Select(day => (Start.AddDays(day), Close(day))));
        var securities = new Dictionary<string, Security>(StringComparer.Ordinal)
        {
            ["WA"] = new("USD", "Technology", closes),
            ["WB"] = new("USD", null, closes),
            ["WE"] = new("EUR", "Industrials", closes),
        };
        var fx = Enumerable.Range(0, days + 1).Select(day => new FxQuote("EUR", "USD", Start.AddDays(day), 1.05m + (day % 10) / 1000m));
        return (new MarketSnapshot(securities, new FxTable(fx)), closes);
    }

    private static decimal Close(int day) => 100m + (day % 17) - (day % 5) * 0.25m;
}
