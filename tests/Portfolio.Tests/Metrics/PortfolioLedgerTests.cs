using PortfolioTracker.Portfolio.Domain.Holdings;
using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// What a metrics request takes from the held ledger without walking it (<see cref="PortfolioLedger"/>)
/// is exactly what walking the entries through its asOf gives, and is built once per ledger.
/// </summary>
public sealed class PortfolioLedgerTests
{
    private static readonly Guid First = Guid.NewGuid();
    private static readonly Guid Second = Guid.NewGuid();

    [Fact]
    public void TheNamesThroughADayAreThoseOfTheEntriesThroughThatDayInOrderOfFirstAppearance()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new RandomLedger(seed);
            var entries = Domain.Metrics.Ledger.Create(random.Entries(1 + random.Next(120))).Entries.ToArray();
            var ledger = new PortfolioLedger(entries);
            for (var day = -2; day <= RandomLedger.Span + 2; day += 1 + random.Next(9))
            {
                var asOf = RandomLedger.Start.AddDays(day);
                var through = entries.Where(e => e.Date <= asOf).ToList();

                Assert.Equal(through, ledger.Through(asOf));
                Assert.Equal(through.Select(e => e.Symbol).Distinct(), ledger.SymbolsThrough(asOf));
                Assert.Equal(
                    through.Where(e => e.Type is TransactionType.Buy or TransactionType.Sell or TransactionType.Split or TransactionType.Dividend)
                        .Select(e => e.Symbol).Distinct(),
                    ledger.ValuedSymbolsThrough(asOf));
                Assert.Equal(through.Select(e => e.Currency).Distinct(), ledger.CurrenciesThrough(asOf));
            }
        }
    }

    [Fact]
    public void AfterRowsAreOnlyInsertedThePatchedLedgersNamesAreThoseOfAFreshWalk()
    {
        for (var seed = 1; seed <= 300; seed++)
        {
            var random = new RandomLedger(seed);
            var clock = new Random(seed);
            // Every row in processing order (date, type's rank, recording time, id), as a full read gives it.
            var rows = random.Entries(1 + random.Next(120))
                .Select(e => new UserLedger.Row(e, First, DateTime.UnixEpoch.AddSeconds(clock.Next(50))))
                .OrderBy(r => r.Entry.Date).ThenBy(r => LedgerOrder.Rank(r.Entry.Type)).ThenBy(r => r.RecordedAt).ThenBy(r => r.Entry.Id)
                .ToList();
            var heldRows = rows.Where(_ => clock.Next(3) != 0).ToList();
            var held = new UserLedger(1, [.. heldRows.Select(r => r.Entry)], [.. heldRows.Select(r => r.PortfolioId)], [.. heldRows.Select(r => r.RecordedAt)]);
            _ = held.Of(null); // built, as a request before the write builds it
            var inserted = rows.Except(heldRows).ToList();

            var patched = held.Patch(2, [.. inserted.Select(r => r.Entry.Id)], inserted);

            Assert.Equal(rows.Select(r => r.Entry), patched.All(null));
            var walked = new PortfolioLedger(patched.All(null));
            for (var day = -2; day <= RandomLedger.Span + 2; day += 1 + random.Next(9))
            {
                var asOf = RandomLedger.Start.AddDays(day);
                Assert.Equal(walked.SymbolsThrough(asOf), patched.Of(null).SymbolsThrough(asOf));
                Assert.Equal(walked.ValuedSymbolsThrough(asOf), patched.Of(null).ValuedSymbolsThrough(asOf));
                Assert.Equal(walked.CurrenciesThrough(asOf), patched.Of(null).CurrenciesThrough(asOf));
            }
        }
    }

    [Fact]
    public void AUserLedgerBuildsEachPortfoliosEntriesOnceAndServesTheSameArrayAfterwards()
    {
        var entries = new[]
        {
            Buy("2024-01-02", "AAA", 1, 10), Buy("2024-01-03", "BBB", 2, 20), Sell("2024-01-04", "AAA", 1, 11), Fee("2024-01-05", "EUR", 1, "EUR"),
        };
        var ledger = new UserLedger(7, entries, [First, Second, First, Second], [.. entries.Select(_ => DateTime.UnixEpoch)]);

        var first = ledger.All(First);

        Assert.Same(first, ledger.All(First));
        Assert.Same(ledger.Of(First), ledger.Of(First));
        Assert.Equal([entries[0], entries[2]], first);
        Assert.Equal([entries[1], entries[3]], ledger.All(Second));
        Assert.Same(entries, ledger.All(null));
        Assert.Empty(ledger.All(Guid.NewGuid()));
        Assert.Equal([entries[1]], ledger.For(Second, D("2024-01-04")));
        Assert.Equal(["BBB"], ledger.Of(Second).ValuedSymbolsThrough(D("2024-01-05")));
        Assert.Equal(["USD", "EUR"], ledger.Of(Second).CurrenciesThrough(D("2024-01-05")));
    }
}
