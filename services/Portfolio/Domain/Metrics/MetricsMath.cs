namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>Shared numeric conventions of the metrics engine.</summary>
internal static class MetricsMath
{
    /// <summary>
    /// Returns, ratios and statistics are reported with 10 decimal places. Those computed
    /// through double (powers, roots, XIRR) carry about 15 significant digits, so 10 places of
    /// a fraction are all exact digits; decimal-only ratios are rounded the same way for
    /// consistency (1e-10 is a millionth of a basis point).
    /// </summary>
    public const int RatioDecimals = 10;

    public const double DaysPerYear = 365.0;

    /// <summary>A double statistic as a decimal, or null when it is not a finite, representable number.</summary>
    public static decimal? ToRatio(double value) =>
        double.IsFinite(value) && Math.Abs(value) < 1e15 ? Math.Round((decimal)value, RatioDecimals) : null;

    public static decimal RoundRatio(decimal value) => Math.Round(value, RatioDecimals);

    /// <summary>
    /// (1 + r)^(365 / days) − 1, in double because of the fractional power. Only for periods of
    /// at least 365 days: stretching a shorter return to a year extrapolates noise (GIPS forbids
    /// it too), so shorter periods get null.
    /// </summary>
    public static decimal? Annualise(decimal periodReturn, int days)
    {
        if (days < DaysPerYear) return null;
        var growth = 1.0 + (double)periodReturn;
        return growth < 0 ? null : ToRatio(Math.Pow(growth, DaysPerYear / days) - 1.0);
    }
}
