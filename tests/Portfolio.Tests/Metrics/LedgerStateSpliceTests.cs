using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;
using static PortfolioTracker.Portfolio.Tests.Metrics.ReplayComparison;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// A change that reaches few symbols is rebuilt by applying only their entries and carrying every
/// other entry's held effect (LedgerState's splice). Against a full replay, on random ledgers long
/// enough to hold checkpoints (each seed reproduces its case): backdated buys, deleted and edited
/// rows, one symbol or several, splits, sells to zero and re-buys, three currencies; the summary as
/// of several days (each restores another checkpoint) and the performance and its daily series must
/// be the same to the last digit and scale, or both fail with the same error.
/// </summary>
public sealed class LedgerStateSpliceTests
{
    private const int Ledgers = 150;
    private const int Steps = 4;

    [Fact]
    public void ARebuildThatAppliesOnlyTheChangedSymbolsGivesEveryFigureOfAFullReplayOnRandomLedgers()
    {
        var (spliced, compared) = (0, 0);
        for (var seed = 1; seed <= Ledgers; seed++)
        {
            var (s, c) = CompareOneLedger(seed);
            (spliced, compared) = (spliced + s, compared + c);
        }
        // Most changes took the splice, and most comparisons were of figures, not of a refusal.
        Assert.True(spliced >= Ledgers * Steps / 2, $"only {spliced} of {Ledgers * Steps} changes spliced");
        Assert.True(compared >= Ledgers * Steps * 4 * 8 / 10, $"only {compared} comparisons of figures");
    }

    [Fact]
    public void ABackdatedBuyOfOneSymbolCarriesTheOtherSymbolsEntries()
    {
        // Arrange: 3,000 entries of four symbols over 150 days, held through the last day.
        var random = new RandomLedger(11);
        var market = random.Market();
        var symbols = new[] { "AAA", "BBB", "EEE", "ZZZ" };
        var entries = Enumerable.Range(0, 3_000)
            .Select(i => Buy(RandomLedger.Start.AddDays(5 + i * 140 / 3_000).ToString("yyyy-MM-dd"), symbols[i % 4], 1, 10 + i % 7))
            .ToList();
        var asOf = RandomLedger.Start.AddDays(RandomLedger.Span);
        var state = LedgerState.Build(Sorted(entries), RandomLedger.MarketAsOf(market, entries, asOf), "USD", asOf);

        // Act: a buy of BBB before all of them, which now opens first.
        entries.Add(Buy(RandomLedger.Start.ToString("yyyy-MM-dd"), "BBB", 2, 12));
        var changed = Sorted(entries);
        var snapshot = RandomLedger.MarketAsOf(market, changed, asOf);
        var updated = state.Current(changed, snapshot, asOf, RandomLedger.Start);

        // Assert: the other symbols' 2,250 entries (those up to the last checkpoint) were carried, and every figure is a replay's.
        Assert.InRange(updated.CarriedEntries, 2_000, 2_250);
        foreach (var day in new[] { asOf, asOf.AddDays(-40), asOf.AddDays(-100) })
        {
            Assert.Equal(Json(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Create(changed.Where(e => e.Date <= day)), snapshot, "USD", day)),
                Json(updated.Summarize(snapshot, day)));
        }
        Assert.Equal(Json(PerformanceCalculator.DailySeries(Domain.Metrics.Ledger.Create(changed), snapshot, "USD", asOf)), Json(updated.DailySeries(snapshot, asOf)));
    }

    private static (int Spliced, int Compared) CompareOneLedger(int seed)
    {
        var random = new RandomLedger(seed);
        var market = random.Market();
        var baseCurrency = random.BaseCurrency();
        var entries = random.AcceptedEntries(600 + random.Next(1_400));
        var last = RandomLedger.Start.AddDays(RandomLedger.Span);
        var sorted = Sorted(entries);
        var state = LedgerState.Build(sorted, RandomLedger.MarketAsOf(market, sorted, last), baseCurrency, last);
        var (spliced, compared) = (0, 0);
        for (var step = 0; step < Steps; step++)
        {
            var changedFrom = Change(random, entries);
            sorted = Sorted(entries);
            var asOf = random.Next(3) == 0 ? last : RandomLedger.Start.AddDays(RandomLedger.Span - random.Next(20));
            var snapshot = RandomLedger.MarketAsOf(market, sorted, asOf);

            // Half the time the change date is told (as the database does), else found by comparing.
            state = state.Current(sorted, snapshot, asOf, random.Next(2) == 0 ? changedFrom : null);
            spliced += state.CarriedEntries > 0 ? 1 : 0;
            foreach (var day in new[] { asOf, asOf.AddDays(-random.Next(150)), asOf.AddDays(-random.Next(150)) })
            {
                compared += NotFailed(seed, $"summary as of {day}",
                    () => Json(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Create(sorted.Where(e => e.Date <= day)), snapshot, baseCurrency, day)),
                    () => Json(state.Summarize(snapshot, day)));
            }
            var ledger = Domain.Metrics.Ledger.Create(sorted.Where(e => e.Date <= asOf));
            compared += NotFailed(seed, "performance",
                () => Json(PerformanceCalculator.DailySeries(ledger, snapshot, baseCurrency, asOf))
                    + Json(PerformanceCalculator.Compute(ledger, snapshot, baseCurrency, asOf, PerformanceRanges.All)),
                () => Json(state.DailySeries(snapshot, asOf))
                    + Json(PerformanceCalculator.Compute(state.DailySeries(snapshot, asOf), baseCurrency, state.TracksCash(asOf), asOf, PerformanceRanges.All)));
        }
        return (spliced, compared);
    }

    /// <summary>One random change to <paramref name="entries"/>; returns the earliest date it touched.</summary>
    private static DateOnly Change(RandomLedger random, List<LedgerEntry> entries)
    {
        var date = RandomLedger.Start.AddDays(random.Next(RandomLedger.Span));
        switch (random.Next(4))
        {
            case 0:
                // A backdated buy of one symbol.
                var symbol = new[] { "AAA", "BBB", "EEE", "ZZZ" }[random.Next(4)];
                entries.Add(Buy(date.ToString("yyyy-MM-dd"), symbol, 1 + random.Next(20), 5 + random.Next(300), random.Next(3), symbol == "EEE" ? "EUR" : "USD"));
                return date;
            case 1:
                // A deleted row (its sells may now oversell: both paths must refuse alike).
                var removed = random.Next(entries.Count);
                var removedDate = entries[removed].Date;
                entries.RemoveAt(removed);
                return removedDate;
            case 2:
                // An edited row: a new object under the same id, as a patched ledger holds it.
                var edited = random.Next(entries.Count);
                var old = entries[edited];
                entries[edited] = old with { Commission = old.Commission + 1 };
                return old.Date;
            default:
                // Several rows of different kinds and symbols on one day.
                for (var i = 1 + random.Next(3); i > 0; i--) entries.Add(random.Next(date));
                return date;
        }
    }
}
