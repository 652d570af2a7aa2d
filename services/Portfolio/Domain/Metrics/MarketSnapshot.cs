namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Everything the calculators read about markets, filled by the caller from batch queries:
/// securities by symbol (ordinal, upper-case as stored) and FX.
/// </summary>
public sealed record MarketSnapshot(IReadOnlyDictionary<string, Security> Securities, IFxRates Fx)
{
    public Security? Find(string symbol) => Securities.TryGetValue(symbol, out var security) ? security : null;
}
