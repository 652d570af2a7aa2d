namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Risk figures of a daily value series; fractions (0.1 = 10%), rounded to 10 decimal places.
/// A figure that the data cannot define (fewer than 2 returns, zero variance) is null.
/// </summary>
public sealed record RiskReport(
    int Observations,
    decimal? MeanDailyReturn,
    decimal? DailyVolatility,
    decimal? AnnualisedVolatility,
    decimal RiskFreeRate,
    decimal? SharpeRatio,
    decimal MaxDrawdown,
    DateOnly? MaxDrawdownPeak,
    DateOnly? MaxDrawdownTrough,
    decimal? ValueAtRisk95,
    int BenchmarkObservations,
    decimal? Beta,
    decimal? Correlation);
