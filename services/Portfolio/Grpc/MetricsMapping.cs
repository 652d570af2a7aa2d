using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.Portfolio.Grpc;

internal static class MetricsMapping
{
    public static PortfolioSummary ToProto(this SummaryFigures summary)
    {
        var proto = new PortfolioSummary
        {
            AsOf = DateText.Format(summary.AsOf),
            BaseCurrency = summary.BaseCurrency,
            TotalValue = Money(summary.TotalValue),
            Investment = Money(summary.Investment),
            Fees = Money(summary.Fees),
            Dividends = Money(summary.Dividends),
            Interest = Money(summary.Interest),
            RealizedGain = Money(summary.RealizedGain),
            UnrealizedGain = Money(summary.UnrealizedGain),
            GrossPerformance = Money(summary.GrossPerformance),
            NetPerformance = Money(summary.NetPerformance),
            CashBalance = Money(summary.CashBalance),
            TracksCash = summary.TracksCash,
        };
        proto.Positions.AddRange(summary.Positions.Select(p => new Position
        {
            Symbol = p.Symbol,
            Quantity = DecimalText.Format(p.Quantity),
            AveragePrice = Money(p.AveragePrice),
            MarketPrice = Money(p.MarketPrice),
            MarketValue = Money(p.MarketValue),
            Investment = Money(p.Investment),
            Fees = Money(p.Fees),
            Dividends = Money(p.Dividends),
            RealizedGain = Money(p.RealizedGain),
            UnrealizedGain = Money(p.UnrealizedGain),
            GrossPerformance = Money(p.GrossPerformance),
            NetPerformance = Money(p.NetPerformance),
            Weight = Money(p.Weight),
            Currency = p.Currency,
            Sector = p.Sector,
            MarketPriceDate = DateText.Format(p.MarketPriceDate),
            AveragePriceInCurrency = Money(p.AveragePriceInCurrency),
            MarketPriceInCurrency = Money(p.MarketPriceInCurrency),
        }));
        proto.AllocationBySector.AddRange(Allocation.BySector(summary).Select(ToProto));
        proto.AllocationByCurrency.AddRange(Allocation.ByCurrency(summary).Select(ToProto));
        return proto;
    }

    public static PortfolioPerformance ToProto(this PerformanceReport report, bool withDailyValues)
    {
        var proto = new PortfolioPerformance { AsOf = DateText.Format(report.AsOf), BaseCurrency = report.BaseCurrency };
        proto.Ranges.AddRange(report.Ranges.Select(r => new RangeReturn
        {
            Range = r.Range.ToWire(),
            StartDate = DateText.Format(r.StartDate),
            EndDate = DateText.Format(r.EndDate),
            Days = r.Days,
            StartValue = Money(r.StartValue),
            EndValue = Money(r.EndValue),
            NetInflow = Money(r.NetInflow),
            Gain = Money(r.Gain),
            TimeWeightedReturn = DecimalText.Format(r.TimeWeightedReturn),
            TimeWeightedReturnAnnualised = DecimalText.Format(r.TimeWeightedReturnAnnualised),
            MoneyWeightedReturn = DecimalText.Format(r.MoneyWeightedReturn),
            MoneyWeightedReturnAnnualised = DecimalText.Format(r.MoneyWeightedReturnAnnualised),
            MoneyWeightedError = r.MoneyWeightedError ?? "",
        }));
        if (withDailyValues)
        {
            proto.DailyValues.AddRange(report.DailyValues.Select(v => new DailyPortfolioValue
            {
                Date = DateText.Format(v.Date),
                Value = Money(v.Value),
                Inflow = Money(v.Inflow),
                Outflow = Money(v.Outflow),
            }));
        }
        return proto;
    }

    public static PortfolioRisk ToProto(this RiskReport risk, DateOnly asOf, string baseCurrency, string benchmark) => new()
    {
        AsOf = DateText.Format(asOf),
        BaseCurrency = baseCurrency,
        Benchmark = benchmark,
        Observations = risk.Observations,
        DailyVolatility = DecimalText.Format(risk.DailyVolatility),
        AnnualisedVolatility = DecimalText.Format(risk.AnnualisedVolatility),
        RiskFreeRate = DecimalText.Format(risk.RiskFreeRate),
        SharpeRatio = DecimalText.Format(risk.SharpeRatio),
        MaxDrawdown = DecimalText.Format(risk.MaxDrawdown),
        MaxDrawdownPeak = DateText.Format(risk.MaxDrawdownPeak),
        MaxDrawdownTrough = DateText.Format(risk.MaxDrawdownTrough),
        ValueAtRisk95 = DecimalText.Format(risk.ValueAtRisk95),
        BenchmarkObservations = risk.BenchmarkObservations,
        Beta = DecimalText.Format(risk.Beta),
        Correlation = DecimalText.Format(risk.Correlation),
    };

    private static AllocationSlice ToProto(AllocationShare slice) => new()
    {
        Key = slice.Key,
        MarketValue = Money(slice.MarketValue),
        Weight = Money(slice.Weight),
    };

    /// <summary>
    /// Money (and weights) on the wire at 10 decimal places: exact to far below a cent, without the 28-digit
    /// tails that divisions leave (the engine itself never rounds money).
    /// </summary>
    private static string Money(decimal value) => DecimalText.FormatTrimmed(Math.Round(value, 10));
}
