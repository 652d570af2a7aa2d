namespace PortfolioTracker.Dividends.Domain;

public sealed record ExpectedPayment(
    string Symbol, DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency, decimal Shares, string Kind)
{
    public decimal ExpectedAmount => Amount * Shares;
}

/// <summary>
/// Payments to come. Declared: events whose pay date (ex-date when none) is after today, on the
/// shares owed at the ex-date when it has passed, otherwise on the shares held now. Projected:
/// for each symbol held now, the next payments of its <see cref="PaymentPattern"/> after its
/// latest known event, at that event's amount and currency, on the shares held now, within the
/// horizon; the pay date keeps the latest event's lag behind its ex-date.
/// </summary>
public static class UpcomingPayments
{
    /// <param name="events">Every known event per symbol (past and declared).</param>
    /// <param name="heldNow">Shares held now per symbol (all portfolios).</param>
    /// <param name="owedAt">Shares owed per (symbol, ex-date) for declared events whose ex-date has passed.</param>
    public static List<ExpectedPayment> Forecast(
        IReadOnlyDictionary<string, IReadOnlyList<DividendEventInfo>> events, IReadOnlyDictionary<string, decimal> heldNow,
        IReadOnlyDictionary<(string Symbol, DateOnly ExDate), decimal> owedAt, DateOnly today, int months)
    {
        var horizon = today.AddMonths(months);
        var payments = new List<ExpectedPayment>();
        foreach (var (symbol, series) in events)
        {
            var cash = series.Where(e => e.DividendType != "stock").OrderBy(e => e.ExDate).ToList();
            if (cash.Count == 0)
            {
                continue;
            }
            var held = heldNow.GetValueOrDefault(symbol);
            foreach (var e in cash.Where(e => (e.PayDate ?? e.ExDate) > today && e.ExDate <= horizon))
            {
                var shares = e.ExDate <= today ? owedAt.GetValueOrDefault((symbol, e.ExDate)) : held;
                if (shares > 0)
                {
                    payments.Add(new(symbol, e.ExDate, e.PayDate, e.Amount, e.Currency, shares, "declared"));
                }
            }
            var step = PaymentPattern.MonthsBetween([.. cash.Select(e => e.ExDate)]);
            if (held <= 0 || step is null)
            {
                continue;
            }
            var latest = cash[^1];
            var lag = latest.PayDate is { } pay ? pay.DayNumber - latest.ExDate.DayNumber : (int?)null;
            for (var k = 1; ; k++)
            {
                var exDate = latest.ExDate.AddMonths(step.Value * k);
                if (exDate > horizon)
                {
                    break;
                }
                if (exDate > today)
                {
                    payments.Add(new(symbol, exDate, lag is { } l ? exDate.AddDays(l) : null, latest.Amount, latest.Currency, held, "projected"));
                }
            }
        }
        return [.. payments.OrderBy(p => p.PayDate ?? p.ExDate).ThenBy(p => p.Symbol, StringComparer.Ordinal)];
    }
}
