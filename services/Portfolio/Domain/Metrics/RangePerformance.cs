namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Returns over one range, from the end of <paramref name="StartDate"/> to the end of
/// <paramref name="EndDate"/> (<paramref name="Days"/> = EndDate − StartDate).
/// <paramref name="Gain"/> = EndValue − StartValue − inflows + outflows + income: the money made.
/// Returns are fractions (0.1 = 10%), rounded to 10 decimal places; annualised figures are
/// null for ranges shorter than 365 days; MWR is null with <paramref name="MoneyWeightedError"/>
/// saying why when XIRR has no root.
/// </summary>
public sealed record RangePerformance(
    PerformanceRange Range,
    DateOnly StartDate,
    DateOnly EndDate,
    int Days,
    decimal StartValue,
    decimal EndValue,
    decimal NetInflow,
    decimal Gain,
    decimal TimeWeightedReturn,
    decimal? TimeWeightedReturnAnnualised,
    decimal? MoneyWeightedReturn,
    decimal? MoneyWeightedReturnAnnualised,
    string? MoneyWeightedError);
