using PortfolioTracker.MarketData.Offline;

namespace PortfolioTracker.MarketData.Tests.Dividends;

/// <summary>The bundled dataset's dividend events: those of its prices' dividend column, each fit for <c>dividend_events</c>.</summary>
public class BundledDividendEventsTests
{
    private static readonly OfflineDataset Bundled = new(Path.Combine(AppContext.BaseDirectory, "SampleData"));

    [Fact]
    public void EveryBundledDividendEventIsADividendOfThePricesOnItsExDateAndTheOtherWayRound()
    {
        var events = Bundled.Dividends()
            .SelectMany(s => s.Value.Select(d => (Symbol: s.Key, d.ExDate, d.Amount)))
            .ToHashSet();
        var fromPrices = Bundled.Prices()
            .SelectMany(p => p.Bars.Where(b => b.DividendAmount != 0).Select(b => (p.Symbol, ExDate: b.Date, Amount: b.DividendAmount)))
            .ToHashSet();

        Assert.NotEmpty(events);
        Assert.Equal(fromPrices.Order(), events.Order());
    }

    [Fact]
    public void EveryBundledDividendEventMeetsTheTablesRulesAndIsUniquePerKey()
    {
        var declared = Bundled.Dividends().SelectMany(s => s.Value.Select(d => d.ToDeclared(s.Key))).ToList();

        Assert.Empty(declared.SelectMany(DividendEventRules.Problems));
        Assert.Equal(declared.Count, DividendEventRules.LastPerKey(declared).Count);
        Assert.All(declared, d => Assert.Equal(DividendSources.Dataset, d.Source));
    }
}
