namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// Performance and risk read the returns, index, observations and drawdown of a series array once
/// built (<see cref="SeriesReturns"/>): the first days of an array seen before get exactly the figures
/// that the same days as a list of their own get, whatever was asked first.
/// </summary>
public class SeriesReturnsTests
{
    [Fact]
    public void TheStartOfAHeldSeriesGivesTheFiguresOfItsDaysAlone()
    {
        var random = new Random(13);
        for (var run = 0; run < 60; run++)
        {
            var (series, benchmark) = RandomSeries(random, random.Next(1, 400));
            var askedFirst = random.Next(series.Length) + 1;
            AssertSameFigures(series, askedFirst, benchmark); // the whole array may not be the first asked
            foreach (var days in new[] { series.Length, 1, random.Next(series.Length) + 1, random.Next(series.Length) + 1 })
            {
                AssertSameFigures(series, days, benchmark);
            }
        }
    }

    [Fact]
    public void AnArrayIsReadOnceForAllItsStarts()
    {
        var (series, _) = RandomSeries(new Random(5), 90);

        Assert.Same(SeriesReturns.For(series), SeriesReturns.For(new ArraySegment<DailyValue>(series, 0, 30)));
        Assert.NotSame(SeriesReturns.For(series), SeriesReturns.For(new ArraySegment<DailyValue>(series, 1, 30)));
        Assert.NotSame(SeriesReturns.For(series), SeriesReturns.For(series.ToList()));
    }

    private static void AssertSameFigures(DailyValue[] series, int days, ClosePriceSeries? benchmark)
    {
        var start = new ArraySegment<DailyValue>(series, 0, days);
        var alone = series.Take(days).ToList(); // not an array: read afresh
        var asOf = alone[^1].Date;
        Assert.Equal(RiskCalculator.Compute(alone, benchmark, 0.02m), RiskCalculator.Compute(start, benchmark, 0.02m));
        Assert.Equal(
            PerformanceCalculator.Compute(alone, "USD", false, asOf, PerformanceRanges.All).Ranges,
            PerformanceCalculator.Compute(start, "USD", false, asOf, PerformanceRanges.All).Ranges);
    }

    /// <summary>Calendar days with trades on weekdays, sells to zero, income, a gap with nothing held; closes for a benchmark.</summary>
    private static (DailyValue[] Series, ClosePriceSeries? Benchmark) RandomSeries(Random random, int length)
    {
        var first = new DateOnly(2021, 1, 1).AddDays(random.Next(365));
        var series = new DailyValue[length];
        var closes = new List<(DateOnly, decimal)>();
        decimal held = 0, price = 50m, close = 300m;
        for (var i = 0; i < length; i++)
        {
            var date = first.AddDays(i);
            decimal inflow = 0, outflow = 0, income = 0;
            if (date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                price = Math.Round(price * (1m + (decimal)(random.NextDouble() - 0.5) * 0.06m), 4);
                close = Math.Round(close * (1m + (decimal)(random.NextDouble() - 0.5) * 0.02m), 2);
                if (random.Next(8) > 0) closes.Add((date, close));
                switch (random.Next(6))
                {
                    case 0:
                        var bought = random.Next(1, 30);
                        held += bought;
                        inflow = bought * price + 1.25m;
                        break;
                    case 1 when held > 0:
                        var sold = random.Next(3) == 0 ? held : Math.Min(held, random.Next(1, 10));
                        held -= sold;
                        outflow = sold * price - 1.25m;
                        break;
                    case 2 when held > 0:
                        income = Math.Round(held * 0.01m, 2);
                        break;
                }
            }
            series[i] = new DailyValue(date, held * price, inflow, outflow, income);
        }
        return (series, random.Next(4) == 0 ? null : new ClosePriceSeries(closes));
    }
}
