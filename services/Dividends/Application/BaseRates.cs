namespace PortfolioTracker.Dividends.Application;

/// <summary>Rates into one base currency by (currency, date), as <see cref="FxToBase"/> found them: the one lookup every report uses.</summary>
public sealed class BaseRates(string baseCurrency, IReadOnlyDictionary<(string Currency, DateOnly Date), decimal> rates)
{
    public string BaseCurrency { get; } = baseCurrency;

    /// <summary>The rate, 1 for the base currency itself; null when none is known on or before <paramref name="date"/>.</summary>
    public decimal? Find(string currency, DateOnly date) =>
        currency == BaseCurrency ? 1m : rates.TryGetValue((currency, date), out var rate) ? rate : null;

    /// <summary><see cref="Find"/>, where a missing rate refuses the report rather than guess.</summary>
    public decimal Require(string currency, DateOnly date) =>
        Find(currency, date)
        ?? throw RpcErrors.FailedPrecondition($"No {currency}/{BaseCurrency} exchange rate is known on or before {DateText.Format(date)}.");
}
