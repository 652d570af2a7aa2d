namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// The portfolio at the end of one calendar day, in the base currency.
/// <paramref name="Value"/>: market value of the holdings (each day's last known close and FX)
/// plus cash when the ledger tracks cash. <paramref name="Inflow"/>: external money in, counted at
/// the START of the day (DEPOSIT; without cash tracking a buy's cost + commission).
/// <paramref name="Outflow"/>: external money out, counted at the END of the day (WITHDRAWAL;
/// without cash tracking a sale's proceeds − commission). <paramref name="Income"/>: only without
/// cash tracking, dividends less fees paid straight out / in — performance, not a flow.
/// </summary>
public readonly record struct DailyValue(DateOnly Date, decimal Value, decimal Inflow, decimal Outflow, decimal Income);
