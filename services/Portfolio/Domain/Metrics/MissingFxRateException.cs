namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>No FX rate on or before the date; converting with a guess would give wrong money.</summary>
public sealed class MissingFxRateException(string from, string to, DateOnly date)
    : MetricsException($"No {from}/{to} exchange rate is known on or before {date:yyyy-MM-dd}.")
{
    public string From { get; } = from;
    public string To { get; } = to;
    public DateOnly Date { get; } = date;
}
