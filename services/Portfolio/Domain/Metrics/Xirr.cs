namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Money-weighted return: the annual rate r with Σ amount_i × (1 + r)^(−t_i) = 0, where t_i is
/// the Act/365 year fraction (days since the earliest flow / 365). Solved in double — the
/// fractional powers and the iteration need it — and returned rounded to 10 decimal places.
/// Newton-Raphson from <c>guess</c> first; if it leaves (−1, ∞), stalls or does not converge,
/// bisection over the first sign change found on a grid from −99.99% to +1,000,000%
/// (the bracket nearest the guess when there are several). No sign change → a failure result,
/// never NaN or an exception.
/// </summary>
public static class Xirr
{
    private const int NewtonIterations = 100;
    private const int BisectionIterations = 300;
    private static readonly double[] Grid =
        [-0.9999, -0.999, -0.99, -0.9, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 1, 2, 5, 10, 100, 1e3, 1e4, 1e6];

    public static XirrResult Solve(IEnumerable<CashFlow> flows, double guess = 0.1)
    {
        ArgumentNullException.ThrowIfNull(flows);
        // Flows of one day are summed: fewer terms for the iteration, and the same NPV.
        var nonZero = SumByDay(flows);
        if (nonZero.Length == 0)
        {
            return new(null, "There are no cash flows.");
        }
        if (!nonZero.Any(f => f.Amount > 0) || !nonZero.Any(f => f.Amount < 0))
        {
            return new(null, "The cash flows all have the same sign, so no rate makes their value zero.");
        }
        var origin = nonZero.Min(f => f.Date).DayNumber;
        var times = nonZero.Select(f => (f.Date.DayNumber - origin) / MetricsMath.DaysPerYear).ToArray();
        var amounts = nonZero.Select(f => (double)f.Amount).ToArray();
        if (times.All(t => t == 0))
        {
            return new(null, "All cash flows fall on one day, so no rate is defined.");
        }

        var scale = amounts.Sum(Math.Abs);
        if (TryNewton(times, amounts, guess, scale, out var rate) || TryBisection(times, amounts, guess, out rate))
        {
            return MetricsMath.ToRatio(rate) is { } rounded
                ? new(rounded, null)
                : new(null, "The rate is too large to report.");
        }
        return new(null, "No rate between -99.99% and +1,000,000% makes the net present value zero.");
    }

    /// <summary>
    /// Each day's flows summed in their order, days in the order they first appear, days that sum to
    /// zero left out: what grouping by date gives, in one pass and without a group per day.
    /// </summary>
    private static CashFlow[] SumByDay(IEnumerable<CashFlow> flows)
    {
        var days = new List<CashFlow>();
        var dayAt = new Dictionary<DateOnly, int>();
        foreach (var flow in flows)
        {
            if (dayAt.TryGetValue(flow.Date, out var at))
            {
                days[at] = days[at] with { Amount = days[at].Amount + flow.Amount };
            }
            else
            {
                dayAt[flow.Date] = days.Count;
                days.Add(flow);
            }
        }
        return [.. days.Where(day => day.Amount != 0)];
    }

    /// <summary>Net present value and its derivative with respect to r.</summary>
    private static (double Value, double Derivative) Npv(double[] times, double[] amounts, double rate)
    {
        double value = 0, derivative = 0;
        var logGrowth = Math.Log(1 + rate);
        for (var i = 0; i < times.Length; i++)
        {
            var discounted = amounts[i] * Math.Exp(-times[i] * logGrowth);
            value += discounted;
            derivative -= times[i] * discounted / (1 + rate);
        }
        return (value, derivative);
    }

    private static bool TryNewton(double[] times, double[] amounts, double guess, double scale, out double rate)
    {
        rate = guess;
        for (var i = 0; i < NewtonIterations; i++)
        {
            var (value, derivative) = Npv(times, amounts, rate);
            if (!double.IsFinite(value) || !double.IsFinite(derivative) || derivative == 0) return false;
            var next = rate - value / derivative;
            if (!double.IsFinite(next) || next <= -1) return false;
            if (Math.Abs(next - rate) <= 1e-12 * (1 + Math.Abs(rate)))
            {
                rate = next;
                // A tiny step can also mean a flat function far from a root: check the residual.
                return Math.Abs(Npv(times, amounts, rate).Value) <= 1e-9 * scale;
            }
            rate = next;
        }
        return false;
    }

    private static bool TryBisection(double[] times, double[] amounts, double guess, out double rate)
    {
        rate = double.NaN;
        var bestDistance = double.PositiveInfinity;
        double bestLo = 0, bestHi = 0;
        double? previousRate = null, previousValue = null;
        foreach (var point in Grid)
        {
            var value = Npv(times, amounts, point).Value;
            if (!double.IsFinite(value)) continue;
            if (value == 0)
            {
                rate = point;
                return true;
            }
            if (previousValue is { } pv && Math.Sign(pv) != Math.Sign(value))
            {
                var distance = Math.Abs((previousRate!.Value + point) / 2 - guess);
                if (distance < bestDistance)
                {
                    (bestDistance, bestLo, bestHi) = (distance, previousRate.Value, point);
                }
            }
            (previousRate, previousValue) = (point, value);
        }
        if (double.IsPositiveInfinity(bestDistance)) return false;

        var lo = bestLo;
        var hi = bestHi;
        var loSign = Math.Sign(Npv(times, amounts, lo).Value);
        for (var i = 0; i < BisectionIterations && hi - lo > 1e-15 * (1 + Math.Abs(lo)); i++)
        {
            var mid = (lo + hi) / 2;
            var sign = Math.Sign(Npv(times, amounts, mid).Value);
            if (sign == 0)
            {
                lo = hi = mid;
                break;
            }
            if (sign == loSign) lo = mid;
            else hi = mid;
        }
        rate = (lo + hi) / 2;
        return true;
    }
}
