namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// FX rates: units of <c>to</c> per unit of <c>from</c>, the last known on or before
/// <c>date</c>. Implementations return 1 when from == to.
/// </summary>
public interface IFxRates
{
    bool TryGetRate(string from, string to, DateOnly date, out decimal rate);
}
