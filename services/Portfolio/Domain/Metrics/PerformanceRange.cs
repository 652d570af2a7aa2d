namespace PortfolioTracker.Portfolio.Domain.Metrics;

public enum PerformanceRange
{
    OneDay,
    OneWeek,
    OneMonth,
    YearToDate,
    OneYear,
    Max,
}
