namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Daily time-weighted returns. For day t with value V_t, the previous day's value V_{t−1}
/// (0 before the first day), inflow C_t (start of day), outflow W_t (end of day) and paid-out
/// income I_t:  r_t = (V_t + W_t + I_t) / (V_{t−1} + C_t) − 1.
/// Dividends, interest and fees inside the portfolio are not flows, so they are performance.
/// When V_{t−1} + C_t ≤ 0 no capital is at risk and r_t is undefined (null): chained as 0,
/// left out of the risk statistics.
/// </summary>
public static class DailyReturns
{
    public static decimal?[] Compute(IReadOnlyList<DailyValue> series)
    {
        ArgumentNullException.ThrowIfNull(series);
        var returns = new decimal?[series.Count];
        var previous = 0m;
        for (var i = 0; i < series.Count; i++)
        {
            var day = series[i];
            var capital = previous + day.Inflow;
            returns[i] = capital > 0 ? (day.Value + day.Outflow + day.Income) / capital - 1 : null;
            previous = day.Value;
        }
        return returns;
    }
}
