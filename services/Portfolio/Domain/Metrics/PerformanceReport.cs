namespace PortfolioTracker.Portfolio.Domain.Metrics;

public sealed record PerformanceReport(
    DateOnly AsOf,
    string BaseCurrency,
    bool TracksCash,
    IReadOnlyList<DailyValue> DailyValues,
    IReadOnlyList<RangePerformance> Ranges);
