using System.Text.Json;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Application.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;
using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// The daily series kept with a user's state (<see cref="LedgerStates.DailySeries"/>) is served again
/// only for the same state, day and market series, and valued afresh when the ledger, the market
/// data or the day changes; whichever it is, it equals a full replay.
/// </summary>
public sealed class DailySeriesReuseTests : IDisposable
{
    private static readonly DateOnly AsOf = D("2024-03-28");
    private readonly Guid _user = Guid.NewGuid();
    private static readonly DbClaims Claims = DbClaims.ForUser(Guid.NewGuid());
    private readonly LedgerStateCache _cache = new(Options.Create(new InMemoryOptions()));
    private readonly LedgerStates _states;
    private readonly ClosePriceSeries _aaa = Closes(Weekdays("2024-01-01", 70).Select((d, i) => (d.ToString("yyyy-MM-dd"), 10m + i % 9 * 0.25m)).ToArray());
    private readonly ClosePriceSeries _eee = Closes(Weekdays("2024-01-01", 70).Select((d, i) => (d.ToString("yyyy-MM-dd"), 40m - i % 5 * 0.5m)).ToArray());
    private readonly ClosePriceSeries _spy = Closes(Weekdays("2024-01-01", 70).Select((d, i) => (d.ToString("yyyy-MM-dd"), 400m + i)).ToArray());
    private readonly ClosePriceSeries _eur = new(Enumerable.Range(0, 90).Select(i => (D("2024-01-01").AddDays(i), 1.08m + i % 7 * 0.001m)));
    private readonly LedgerEntry[] _entries =
    [
        Buy("2024-01-02", "AAA", 10, 10), Buy("2024-01-03", "EEE", 4, 40, 1, "EUR"), Sell("2024-02-01", "AAA", 3, 11),
        Dividend("2024-02-15", "EEE", 4, 0.5m, "EUR"), Buy("2024-03-01", "AAA", 2, 12),
    ];

    // Never opened: these ledgers are shorter than a checkpoint's spacing, so nothing is persisted.
    private readonly NpgsqlDataSource _unusedDatabase = NpgsqlDataSource.Create("Host=127.0.0.1;Port=9");

    public DailySeriesReuseTests() => _states = new LedgerStates(_cache, new CheckpointWriter(new RlsDatabase(_unusedDatabase),
        new LedgerCheckpointRepository(), Options.Create(new MetricsOptions()), NullLogger<CheckpointWriter>.Instance));

    public void Dispose()
    {
        _cache.Dispose();
        _unusedDatabase.Dispose();
    }

    [Fact]
    public void TheRiskRequestOfTheSameDayGetsTheSeriesThePerformanceRequestValued()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);

        var (_, forPerformance) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);
        // The risk request's market: new views of the same held series, plus the benchmark.
        var (_, forRisk) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa.Through(AsOf.AddDays(30)), benchmark: true)), AsOf);

        Assert.Same(forPerformance, forRisk);
        Assert.Equal(Replay(_entries, Market(_aaa)), Json(forRisk));
    }

    [Fact]
    public void NewClosesOfAHeldSymbolValueTheSeriesAfresh()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);
        var (_, before) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);
        var corrected = Closes(Weekdays("2024-01-01", 70).Select((d, i) => (d.ToString("yyyy-MM-dd"), 10m + i % 9 * 0.25m + (i == 40 ? 1 : 0))).ToArray());

        var (_, after) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(corrected)), AsOf);

        Assert.NotSame(before, after);
        Assert.Equal(Replay(_entries, Market(corrected)), Json(after));
        Assert.NotEqual(Json(before), Json(after));
    }

    [Fact]
    public void NewRatesValueTheSeriesAfresh()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);
        var (_, before) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);
        var rates = new ClosePriceSeries(Enumerable.Range(0, 90).Select(i => (D("2024-01-01").AddDays(i), 1.08m + i % 7 * 0.001m + (i == 60 ? 0.01m : 0))));

        var (_, after) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa, rates: rates)), AsOf);

        Assert.NotSame(before, after);
        Assert.Equal(Replay(_entries, Market(_aaa, rates: rates)), Json(after));
        Assert.NotEqual(Json(before), Json(after));
    }

    [Fact]
    public void ANewLedgerVersionValuesTheSeriesAfresh()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);
        var (_, before) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);
        LedgerEntry[] changed = [.. Domain.Metrics.Ledger.Create([.. _entries, Buy("2024-02-20", "AAA", 5, 11)]).Entries];
        var next = new UserLedger(2, changed, [.. changed.Select(_ => Guid.Empty)], [.. changed.Select(_ => DateTime.UnixEpoch)]) { PreviousVersion = 1, ChangedFrom = D("2024-02-20") };

        var (_, after) = _states.DailySeries(Claims, _user, null, Inputs(next, Market(_aaa)), AsOf);

        Assert.NotSame(before, after);
        Assert.Equal(Replay(changed, Market(_aaa)), Json(after));
        Assert.NotEqual(Json(before), Json(after));
    }

    [Fact]
    public void AnEarlierDayIsServedFromTheLaterSeriesAndEqualsAReplay()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);
        var earlier = AsOf.AddDays(-10);
        var (_, before) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);

        var (_, after) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa, through: earlier)), earlier);

        Assert.Equal(before.Count - 10, after.Count);
        Assert.Equal(Replay(_entries, Market(_aaa, through: earlier), earlier), Json(after));
        Assert.Same(before, _cache.Find(_user, null, "USD")!.LastSeries!.Series); // not valued again
    }

    [Fact]
    public void ALaterDayValuesTheSeriesAfresh()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);
        var earlier = AsOf.AddDays(-10);
        var (_, before) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa, through: earlier)), earlier);

        var (_, after) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);

        Assert.Equal(before.Count + 10, after.Count);
        Assert.Equal(Replay(_entries, Market(_aaa)), Json(after));
        Assert.Same(after, _cache.Find(_user, null, "USD")!.LastSeries!.Series);
    }

    [Fact]
    public void AnEarlierDayWhoseClosesAreStoredAnewIsValuedAfresh()
    {
        var ledger = new UserLedger(1, _entries, [.. _entries.Select(_ => Guid.Empty)], [.. _entries.Select(_ => DateTime.UnixEpoch)]);
        var earlier = AsOf.AddDays(-10);
        var (_, before) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(_aaa)), AsOf);
        var corrected = Closes(Weekdays("2024-01-01", 70).Select((d, i) => (d.ToString("yyyy-MM-dd"), 10m + i % 9 * 0.25m + (i == 20 ? 1 : 0))).ToArray());

        var (_, after) = _states.DailySeries(Claims, _user, null, Inputs(ledger, Market(corrected, through: earlier)), earlier);

        Assert.Equal(Replay(_entries, Market(corrected, through: earlier), earlier), Json(after));
        Assert.NotEqual(Json(before.Take(after.Count)), Json(after));
    }

    private MetricsInputLoader.Inputs Inputs(UserLedger ledger, MarketSnapshot market)
    {
        var portfolio = ledger.Of(null);
        return new MetricsInputLoader.Inputs(portfolio.Through(AsOf), new MarketSnapshotLoader.Loaded(market, market.Find("SPY")?.Closes),
            "USD", portfolio.SymbolsThrough(AsOf), ledger);
    }

    /// <summary>As the loader builds it: views of the held series through the day, a new snapshot each time.</summary>
    private MarketSnapshot Market(ClosePriceSeries aaa, bool benchmark = false, ClosePriceSeries? rates = null, DateOnly? through = null)
    {
        var day = through ?? AsOf;
        var securities = new Dictionary<string, Security>(StringComparer.Ordinal)
        {
            ["AAA"] = new("USD", "Tech", aaa.Through(day)),
            ["EEE"] = new("EUR", "Tech", _eee.Through(day)),
        };
        if (benchmark) securities["SPY"] = new("USD", null, _spy.Through(day));
        return new MarketSnapshot(securities, new FxTable([KeyValuePair.Create(("EUR", "USD"), (rates ?? _eur).Through(day))]));
    }

    private static string Replay(LedgerEntry[] entries, MarketSnapshot market, DateOnly? asOf = null) =>
        Json(PerformanceCalculator.DailySeries(Domain.Metrics.Ledger.Create(entries.Where(e => e.Date <= (asOf ?? AsOf))), market, "USD", asOf ?? AsOf));

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
