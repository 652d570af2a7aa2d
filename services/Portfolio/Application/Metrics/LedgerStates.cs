using PortfolioTracker.Portfolio.Caching;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// The incremental state behind one metrics request: the held one brought up to date with the
/// request's ledger and market (recomputed only from the first day that differs), or a new one.
/// </summary>
public sealed class LedgerStates(LedgerStateCache cache)
{
    /// <exception cref="MetricsException">Never: a ledger that cannot be applied is held as such, and the figures throw.</exception>
    public LedgerState Current(Guid userId, Guid? portfolioId, MetricsInputLoader.Inputs inputs, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var market = inputs.Market.Market;
        var held = cache.Find(userId, portfolioId, inputs.BaseCurrency);
        var state = held is null
            ? LedgerState.Build(inputs.AllEntries, market, inputs.BaseCurrency, asOf)
            : held.Current(inputs.AllEntries, market, asOf);
        if (!ReferenceEquals(state, held))
        {
            cache.Set(userId, portfolioId, state);
        }
        return state;
    }
}
