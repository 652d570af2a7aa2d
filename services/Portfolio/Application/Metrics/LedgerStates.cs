using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// The incremental state behind one metrics request: the held one brought up to date with the
/// request's ledger and market (recomputed only from the first day that differs), or a new one.
/// Which day a write changed comes from the database with the version check
/// (<see cref="UserLedger.ChangedFrom"/>), so every replica learns it; a state more than one
/// version behind finds it by comparing the entries. A recomputed state of the whole ledger is
/// persisted in the background (<see cref="CheckpointWriter"/>) for the next cold start.
/// </summary>
public sealed class LedgerStates(LedgerStateCache cache, CheckpointWriter checkpoints)
{
    public LedgerState Current(DbClaims claims, Guid userId, Guid? portfolioId, MetricsInputLoader.Inputs inputs, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var market = inputs.Market.Market;
        var ledger = inputs.Held;
        var entries = ledger.All(portfolioId);
        var held = cache.Find(userId, portfolioId, inputs.BaseCurrency);
        LedgerState state;
        if (held is null)
        {
            state = LedgerState.Build(entries, market, inputs.BaseCurrency, asOf);
        }
        else
        {
            DateOnly? changedFrom = held.Version == ledger.Version ? DateOnly.MaxValue
                : held.Version == ledger.PreviousVersion ? ledger.ChangedFrom
                : null;
            state = held.State.Current(entries, market, asOf, changedFrom);
        }
        if (held is null || !ReferenceEquals(state, held.State) || held.Version != ledger.Version)
        {
            cache.Set(userId, portfolioId, new LedgerStateCache.Held(state, ledger.Version));
            if (portfolioId is null)
            {
                checkpoints.Schedule(claims, userId, state, ledger.Version);
            }
        }
        return state;
    }

    /// <summary>
    /// The daily series through <paramref name="asOf"/> of the caller's current state
    /// (<see cref="Current"/>), valued with the request's market. The last series valued is kept with
    /// the state, and what it holds through <paramref name="asOf"/> is served again while the state is
    /// the same, the day is on or before its last one, the ledger tracks cash alike on both days, and
    /// what the series read of the market holds for this request's (<see cref="ValuationKey.Serves"/>):
    /// the risk request that follows a performance request, or a request as of an earlier day, does not
    /// value every day again. A new ledger version, new market data or a later day values afresh.
    /// </summary>
    public (LedgerState State, IReadOnlyList<DailyValue> Series) DailySeries(
        DbClaims claims, Guid userId, Guid? portfolioId, MetricsInputLoader.Inputs inputs, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var state = Current(claims, userId, portfolioId, inputs, asOf);
        var market = inputs.Market.Market;
        var key = ValuationKey.Of(market, inputs.Symbols, inputs.Held.Of(portfolioId).CurrenciesThrough(asOf), inputs.BaseCurrency);
        var held = cache.Find(userId, portfolioId, inputs.BaseCurrency);
        if (key is not null && held?.LastSeries is { } last && ReferenceEquals(last.State, state) && asOf <= last.AsOf
            && state.TracksCash(asOf) == state.TracksCash(last.AsOf) && last.Market.Serves(key))
        {
            return (state, Through(last.Series, asOf));
        }
        var series = state.DailySeries(market, asOf);
        if (key is not null && held is not null && ReferenceEquals(held.State, state))
        {
            held.LastSeries = new LedgerStateCache.ValuedSeries(state, asOf, key, series);
        }
        return (state, series);
    }

    /// <summary>The days of <paramref name="series"/> through <paramref name="asOf"/> (one per calendar day from its first), without a copy.</summary>
    private static IReadOnlyList<DailyValue> Through(IReadOnlyList<DailyValue> series, DateOnly asOf)
    {
        if (series.Count == 0 || series[^1].Date == asOf)
        {
            return series;
        }
        var days = Math.Max(0, asOf.DayNumber - series[0].Date.DayNumber + 1);
        return series is DailyValue[] array ? new ArraySegment<DailyValue>(array, 0, days) : series.Take(days).ToArray();
    }
}
