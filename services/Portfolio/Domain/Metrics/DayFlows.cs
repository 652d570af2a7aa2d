namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// One day's external flows under both cash models of <see cref="Book"/>: with a cash account
/// (deposits in, withdrawals out, no paid-out income) and without one (trades and deposits in,
/// sales and withdrawals out, income paid out).
/// </summary>
internal readonly record struct DayFlows(
    decimal InflowTracked, decimal OutflowTracked, decimal InflowUntracked, decimal OutflowUntracked, decimal IncomeUntracked)
{
    public DailyValue Value(DateOnly date, decimal value, bool tracksCash) => tracksCash
        ? new DailyValue(date, value, InflowTracked, OutflowTracked, 0m)
        : new DailyValue(date, value, InflowUntracked, OutflowUntracked, IncomeUntracked);
}
