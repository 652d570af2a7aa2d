namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>Totals and positions of <c>GET /v1/portfolio/summary</c>, in <see cref="BaseCurrency"/>.</summary>
public sealed record SummaryFigures(
    DateOnly AsOf,
    string BaseCurrency,
    decimal TotalValue,
    decimal Investment,
    decimal Fees,
    decimal Dividends,
    decimal Interest, // INTEREST rows: income like dividends, reported apart from them and from performance
    decimal RealizedGain,
    decimal UnrealizedGain,
    decimal GrossPerformance,
    decimal NetPerformance,
    decimal CashBalance,
    bool TracksCash, // false when the ledger has no DEPOSIT/WITHDRAWAL: trades are funded from outside, cash is 0
    IReadOnlyList<PositionFigures> Positions);
