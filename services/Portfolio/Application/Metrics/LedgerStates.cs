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
}
