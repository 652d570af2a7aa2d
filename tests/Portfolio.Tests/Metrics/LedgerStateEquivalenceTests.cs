using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;
using static PortfolioTracker.Portfolio.Tests.Metrics.ReplayComparison;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// The incremental state against a full replay, on thousands of random ledgers (each seed
/// reproduces its case): every figure of the summary, the performance (all ranges, the daily
/// series) and the risk report must be the same to the last digit and scale, or both must fail
/// with the same error, after backdated inserts, deletions and later dates too.
/// </summary>
public sealed class LedgerStateEquivalenceTests
{
    private const int Ledgers = 2_000;

    [Fact]
    public void TheIncrementalStateGivesEveryFigureOfAFullReplayOnRandomLedgers()
    {
        var (figures, errors) = (0, 0);
        for (var seed = 1; seed <= Ledgers; seed++)
        {
            var (f, e) = CompareOneLedger(seed);
            (figures, errors) = (figures + f, errors + e);
        }
        // Both paths are exercised: most comparisons are of figures, some of the same refusal.
        Assert.True(figures >= Ledgers * 15 * 6 / 10, $"only {figures} comparisons of figures");
        Assert.True(errors >= Ledgers / 20, $"only {errors} comparisons of errors");
    }

    [Fact]
    public void ASeriesValuedThroughALaterDayHoldsTheSeriesOfEveryEarlierDayOnRandomLedgers()
    {
        // What LedgerStates relies on to serve an earlier day from a series valued through a later
        // one: the days up to asOf read nothing after asOf (when cash is tracked alike on both days).
        var compared = 0;
        for (var seed = 1; seed <= Ledgers; seed++)
        {
            var random = new RandomLedger(seed);
            var market = random.Market();
            var baseCurrency = random.BaseCurrency();
            var sorted = Sorted(random.Entries(5 + random.Next(80)));
            var later = RandomLedger.Start.AddDays(random.Next(RandomLedger.Span + 5));
            var asOf = later.AddDays(-random.Next(60));
            var state = LedgerState.Build(sorted, RandomLedger.MarketAsOf(market, sorted, later), baseCurrency, later);
            if (state.TracksCash(asOf) != state.TracksCash(later))
            {
                continue;
            }
            var (valued, failed) = Outcome(() => Json(state.DailySeries(RandomLedger.MarketAsOf(market, sorted, later), later)));
            if (failed)
            {
                continue; // a series that failed is not kept, so never served
            }
            var full = state.DailySeries(RandomLedger.MarketAsOf(market, sorted, later), later);
            var days = Math.Max(0, full.Count == 0 ? 0 : asOf.DayNumber - full[0].Date.DayNumber + 1);
            Same(seed, "earlier day of a later series",
                () => Json(PerformanceCalculator.DailySeries(Domain.Metrics.Ledger.Create(sorted.Where(e => e.Date <= asOf)),
                    RandomLedger.MarketAsOf(market, sorted, asOf), baseCurrency, asOf)),
                () => Json(full.Take(days).ToList()));
            compared += valued.Length > 2 ? 1 : 0;
        }
        Assert.True(compared >= Ledgers / 2, $"only {compared} series compared");
    }

    [Fact]
    public void TheComparisonSeesTheScaleOfEveryDecimal()
    {
        Assert.NotEqual(Json(new DailyValue(D("2024-01-01"), 1.5m, 0, 0, 0)), Json(new DailyValue(D("2024-01-01"), 1.50m, 0, 0, 0)));
    }

    [Fact]
    public void ABackdatedEntryKeepsTheCheckpointsBeforeItsDateAndRebuildsTheRest()
    {
        // Arrange: 2,000 entries over 150 days, held through the last day.
        var random = new RandomLedger(7);
        var market = random.Market();
        var entries = Sorted(Enumerable.Range(0, 2_000).Select(i => Buy(RandomLedger.Start.AddDays(i * 150 / 2_000).ToString("yyyy-MM-dd"), "AAA", 1, 10 + i % 7)));
        var asOf = RandomLedger.Start.AddDays(RandomLedger.Span);
        var state = LedgerState.Build(entries, RandomLedger.MarketAsOf(market, entries, asOf), "USD", asOf);
        var before = state.CheckpointCount;

        // Act: one buy on day 100 of 150.
        var changed = Sorted([.. entries, Buy(RandomLedger.Start.AddDays(100).ToString("yyyy-MM-dd"), "AAA", 3, 11)]);
        var updated = state.Current(changed, RandomLedger.MarketAsOf(market, changed, asOf), asOf);

        // Assert: the first two thirds of the checkpoints are the very same objects, and the figures match a replay.
        Assert.True(before >= 7, $"{before} checkpoints");
        Assert.Equal(RandomLedger.Start.AddDays(100), LedgerState.FirstDifference(entries, changed, asOf));
        var kept = Enumerable.Range(0, before).Count(i => ReferenceEquals(state.CheckpointAt(i), updated.CheckpointAt(i)));
        Assert.InRange(kept, before * 6 / 10, before * 7 / 10 + 1);
        var snapshot = RandomLedger.MarketAsOf(market, changed, asOf);
        Assert.Equal(Json(PortfolioCalculator.Summarize(Domain.Metrics.Ledger.Create(changed), snapshot, "USD", asOf)), Json(updated.Summarize(snapshot, asOf)));
    }

    [Fact]
    public void TodaysEntryKeepsEveryEarlierCheckpoint()
    {
        var random = new RandomLedger(8);
        var market = random.Market();
        var entries = Sorted(Enumerable.Range(0, 1_000).Select(i => Buy(RandomLedger.Start.AddDays(i * 100 / 1_000).ToString("yyyy-MM-dd"), "AAA", 1, 10)));
        var today = RandomLedger.Start.AddDays(120);
        var state = LedgerState.Build(entries, RandomLedger.MarketAsOf(market, entries, today), "USD", today);

        var changed = Sorted([.. entries, Buy(today.ToString("yyyy-MM-dd"), "AAA", 2, 12)]);
        var updated = state.Current(changed, RandomLedger.MarketAsOf(market, changed, today), today);

        Assert.True(state.CheckpointCount >= 3);
        Assert.All(Enumerable.Range(0, state.CheckpointCount), i => Assert.Same(state.CheckpointAt(i), updated.CheckpointAt(i)));
    }

    private static (int Figures, int Errors) CompareOneLedger(int seed)
    {
        var random = new RandomLedger(seed);
        var market = random.Market();
        var baseCurrency = random.BaseCurrency();
        var entries = random.Entries(5 + random.Next(80));
        var last = RandomLedger.Start.AddDays(RandomLedger.Span);
        var asOf = RandomLedger.Start.AddDays(random.Next(RandomLedger.Span + 5));
        var sorted = Sorted(entries);
        var state = LedgerState.Build(sorted, RandomLedger.MarketAsOf(market, sorted, asOf), baseCurrency, asOf);
        var (figures, errors) = (0, 0);
        for (var step = 0; step < 5; step++)
        {
            var changed = DateOnly.MaxValue; // what the database would report with the version: the earliest date written
            switch (random.Next(4))
            {
                case 0 when entries.Count > 1:
                    var removed = random.Next(entries.Count);
                    changed = entries[removed].Date;
                    entries.RemoveAt(removed);
                    break;
                case 1:
                    // A backdated (or today's) insert, anywhere among the day's entries.
                    var inserted = random.Next(RandomLedger.Start.AddDays(random.Next(RandomLedger.Span)));
                    changed = inserted.Date;
                    entries.Insert(random.Next(entries.Count + 1), inserted);
                    break;
                default:
                    break; // only another date
            }
            asOf = random.Next(3) == 0 ? last : RandomLedger.Start.AddDays(random.Next(RandomLedger.Span + 5) - 3);
            sorted = Sorted(entries);
            var benchmark = random.Next(3) == 0 ? "BBB" : "AAA";
            var snapshot = RandomLedger.MarketAsOf(market, sorted, asOf);
            var riskSnapshot = RandomLedger.MarketAsOf(market, sorted, asOf, benchmark);
            var ledger = Domain.Metrics.Ledger.Create(sorted.Where(e => e.Date <= asOf));

            // Half the time the change date is told (as the database does), else found by comparing.
            state = state.Current(sorted, snapshot, asOf, random.Next(2) == 0 ? changed : null);
            var failed = Same(seed, "summary",
                () => Json(PortfolioCalculator.Summarize(ledger, snapshot, baseCurrency, asOf)),
                () => Json(state.Summarize(snapshot, asOf)));
            failed += Same(seed, "performance",
                () => Json(PerformanceCalculator.Compute(ledger, snapshot, baseCurrency, asOf, PerformanceRanges.All)),
                () => Json(PerformanceCalculator.Compute(state.DailySeries(snapshot, asOf), baseCurrency, state.TracksCash(asOf), asOf, PerformanceRanges.All)));
            var riskState = state.Current(sorted, riskSnapshot, asOf);
            var closes = riskSnapshot.Find(benchmark)?.Closes;
            failed += Same(seed, "risk",
                () => Json(RiskCalculator.Compute(PerformanceCalculator.DailySeries(ledger, riskSnapshot, baseCurrency, asOf), closes, 0.02m)),
                () => Json(RiskCalculator.Compute(riskState.DailySeries(riskSnapshot, asOf), closes, 0.02m)));
            (figures, errors) = (figures + 3 - failed, errors + failed);
        }
        return (figures, errors);
    }
}
