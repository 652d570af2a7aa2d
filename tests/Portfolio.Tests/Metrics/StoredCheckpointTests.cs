using PortfolioTracker.Portfolio.Application.Metrics;
using System.Text.Json;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// A checkpoint written to bytes and read back, plus the entries after it, gives every figure of
/// a full replay's summary on random ledgers (splits, sells to zero, re-buys, several currencies,
/// oversells that fail both alike).
/// </summary>
public sealed class StoredCheckpointTests
{
    [Fact]
    public void AStoredCheckpointPlusTheLaterEntriesGivesTheSummaryOfAFullReplay()
    {
        var (compared, failedAlike) = (0, 0);
        for (var seed = 1; seed <= 600; seed++)
        {
            var random = new RandomLedger(seed);
            var market = random.Market();
            var baseCurrency = random.BaseCurrency();
            var entries = Domain.Metrics.Ledger.Create(random.Entries(300 + random.Next(300))).Entries.ToArray();
            var last = RandomLedger.Start.AddDays(RandomLedger.Span);
            var state = LedgerState.Build(entries, RandomLedger.MarketAsOf(market, entries, last), baseCurrency, last);
            foreach (var original in state.Durable(4))
            {
                var stored = StoredCheckpoint.Read(original.Day, original.EntryCount, original.FirstEntry, original.FirstCashFlow,
                    original.BookBytes(), original.FactsBytes());
                var asOf = original.Day.AddDays(random.Next(last.DayNumber - original.Day.DayNumber + 1));
                var snapshot = RandomLedger.MarketAsOf(market, entries, asOf);
                var after = entries.Skip(original.EntryCount).Where(e => e.Date <= asOf).ToList();

                var replay = Outcome(() => Json(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Create(entries), snapshot, baseCurrency, asOf)));
                var restored = Outcome(() => Json(stored!.Summarize(after, snapshot, baseCurrency, asOf)));

                Assert.NotNull(stored);
                Assert.True(stored.FitsMarket(snapshot, baseCurrency), $"seed {seed}: the same market must fit");
                Assert.True(replay == restored, $"seed {seed}, {original.Day}:\nreplay   {replay}\nrestored {restored}");
                (compared, failedAlike) = replay.StartsWith("error", StringComparison.Ordinal) ? (compared, failedAlike + 1) : (compared + 1, failedAlike);
            }
        }
        // Random ledgers often hold an oversell (refused alike by both); enough of them are valued.
        Assert.True(compared >= 60, $"only {compared} comparisons of figures ({failedAlike} of the same refusal)");
    }

    [Fact]
    public void EveryDurableCheckpointNamesTheSymbolsTradedThroughItsEntries()
    {
        // A new symbol every 40 days, so each checkpoint knows fewer than the next; and a FEE's symbol, never traded.
        var symbols = Enumerable.Range(0, 25).Select(i => $"S{i:00}").ToArray();
        var closes = new ClosePriceSeries(Enumerable.Range(0, 1_000).Select(d => (RandomLedger.Start.AddDays(d), 10m + d % 7)));
        var market = new MarketSnapshot(symbols.ToDictionary(s => s, _ => new Security("USD", null, closes)), FxTable.Empty);
        var entries = Enumerable.Range(0, 1_000)
            .Select(day => day % 97 == 5
                ? new LedgerEntry(Guid.NewGuid(), TransactionType.Fee, "FEEONLY", RandomLedger.Start.AddDays(day), 0, 0, 1, "USD")
                : new LedgerEntry(Guid.NewGuid(), TransactionType.Buy, symbols[day / 40], RandomLedger.Start.AddDays(day), 1, 10, 0, "USD"))
            .ToArray();
        var state = LedgerState.Build(entries, market, "USD", RandomLedger.Start.AddDays(999));

        var durable = state.Durable(CheckpointWriter.Kept);
        Assert.True(durable.Count > 1 && durable[0].TradedSymbols.Count < symbols.Length, "the checkpoints should see the symbols arrive");
        foreach (var checkpoint in durable)
        {
            var traded = entries.Take(checkpoint.EntryCount)
                .Where(e => e.Type is TransactionType.Buy or TransactionType.Sell or TransactionType.Split or TransactionType.Dividend)
                .Select(e => e.Symbol).Distinct().Order(StringComparer.Ordinal);
            Assert.Equal(traded, checkpoint.TradedSymbols);
        }
    }

    [Fact]
    public void ACheckpointDoesNotFitAMarketWithAnotherRateOnADayItRead()
    {
        var market = new RandomLedger(3).Market();
        // 300 buys paid in EUR: each reads the EUR rate of its day.
        var entries = Enumerable.Range(0, 300)
            .Select(i => new LedgerEntry(Guid.NewGuid(), TransactionType.Buy, "AAA", RandomLedger.Start.AddDays(i / 3), 1, 10, 0, "EUR"))
            .ToArray();
        var last = RandomLedger.Start.AddDays(RandomLedger.Span);
        var state = LedgerState.Build(entries, RandomLedger.MarketAsOf(market, entries, last), "USD", last);
        var checkpoint = state.Durable(1).Single();
        var corrected = (market.Securities, market.Fx.Select(q => q with { Rate = q.Rate + 0.0001m }).ToList());

        Assert.Contains("EUR", checkpoint.Currencies);
        Assert.True(checkpoint.FitsMarket(RandomLedger.MarketAsOf(market, entries, last), "USD"));
        Assert.False(checkpoint.FitsMarket(RandomLedger.MarketAsOf(corrected, entries, last), "USD"));
    }

    [Fact]
    public void BytesOfAnotherFormatAreNotUsed()
    {
        Assert.Null(StoredCheckpoint.Read(RandomLedger.Start, 1, RandomLedger.Start, null, [9, 1, 2], []));
        Assert.Null(StoredCheckpoint.Read(RandomLedger.Start, 1, RandomLedger.Start, null, [1], []));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);

    private static string Outcome(Func<string> compute)
    {
        try
        {
            return compute();
        }
        catch (MetricsException exception)
        {
            return "error " + exception.GetType().Name + ": " + exception.Message;
        }
    }
}
