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
    public void AnEarlierCheckpointReadWithTheLatestOnesFactsIsTheSameCheckpoint()
    {
        // The store keeps the facts on the latest row only; each earlier one is read with those.
        var earlier = 0;
        for (var seed = 1; seed <= 1_000; seed++)
        {
            var random = new RandomLedger(seed);
            var market = random.Market();
            var baseCurrency = random.BaseCurrency();
            var entries = Domain.Metrics.Ledger.Create(random.Entries(600 + random.Next(400))).Entries.ToArray();
            var last = RandomLedger.Start.AddDays(RandomLedger.Span);
            var durable = LedgerState.Build(entries, RandomLedger.MarketAsOf(market, entries, last), baseCurrency, last).Durable(8);
            if (durable.Count == 0) continue; // an oversell on the first days: nothing to store
            var latestFacts = durable[^1].FactsBytes();
            foreach (var original in durable)
            {
                var own = StoredCheckpoint.Read(original.Day, original.EntryCount, original.FirstEntry, original.FirstCashFlow,
                    original.BookBytes(), original.FactsBytes());
                var shared = StoredCheckpoint.Read(original.Day, original.EntryCount, original.FirstEntry, original.FirstCashFlow,
                    original.BookBytes(), latestFacts);
                var asOf = original.Day.AddDays(random.Next(last.DayNumber - original.Day.DayNumber + 1));
                var snapshot = RandomLedger.MarketAsOf(market, entries, asOf);
                var after = entries.Skip(original.EntryCount).Where(e => e.Date <= asOf).ToList();

                Assert.NotNull(own);
                Assert.NotNull(shared);
                Assert.Equal(own.Currencies.Order(StringComparer.Ordinal), shared.Currencies.Order(StringComparer.Ordinal));
                Assert.Equal(own.FitsMarket(snapshot, baseCurrency), shared.FitsMarket(snapshot, baseCurrency));
                Assert.Equal(Outcome(() => Json(own.Summarize(after, snapshot, baseCurrency, asOf))),
                    Outcome(() => Json(shared.Summarize(after, snapshot, baseCurrency, asOf))));
                if (!ReferenceEquals(original, durable[^1])) earlier++;
            }
        }
        // Random ledgers often hold an oversell early (no checkpoint at all); enough of them have several.
        Assert.True(earlier >= 40, $"only {earlier} earlier checkpoints compared");
    }

    [Fact]
    public void ACheckpointReadWithALaterOnesFactsKeepsOnlyThoseThroughItsDay()
    {
        var market = new RandomLedger(3).Market();
        // 1,800 buys over the 150 days, paid in EUR, then in GBP from day 75: each reads its day's rate.
        var entries = Enumerable.Range(0, 1_800)
            .Select(i => new LedgerEntry(Guid.NewGuid(), TransactionType.Buy, "AAA", RandomLedger.Start.AddDays(i / 12), 1, 10, 0, i < 900 ? "EUR" : "GBP"))
            .ToArray();
        var last = RandomLedger.Start.AddDays(RandomLedger.Span);
        var durable = LedgerState.Build(entries, RandomLedger.MarketAsOf(market, entries, last), "USD", last).Durable(4);
        var early = durable[0];
        var read = StoredCheckpoint.Read(early.Day, early.EntryCount, early.FirstEntry, early.FirstCashFlow, early.BookBytes(), durable[^1].FactsBytes());
        var correctedLater = (market.Securities, market.Fx.Select(q => q.Date > early.Day ? q with { Rate = q.Rate + 0.0001m } : q).ToList());
        var correctedEarlier = (market.Securities, market.Fx.Select(q => q.Date <= early.Day ? q with { Rate = q.Rate + 0.0001m } : q).ToList());

        Assert.True(durable.Count > 1 && early.Day < durable[^1].Day, "the ledger should give several checkpoints");
        Assert.NotNull(read);
        Assert.Contains("GBP", durable[^1].Currencies);
        Assert.Equal(["EUR"], read.Currencies);
        Assert.True(read.FitsMarket(RandomLedger.MarketAsOf(correctedLater, entries, last), "USD"));
        Assert.False(read.FitsMarket(RandomLedger.MarketAsOf(correctedEarlier, entries, last), "USD"));
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
