using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// Gathers what <see cref="UpcomingPayments"/> forecasts from: holdings (Portfolio), events of
/// every symbol held or owed (MarketData, one batch), the shares the user's own rows record at
/// past ex-dates, and today's FX for the base-currency figures (one batch).
/// </summary>
public sealed class UpcomingQuery(
    RlsDatabase database, DividendRepository dividends, HoldingService.HoldingServiceClient holdings, EventReader events,
    FxToBase fx, TimeProvider clock)
{
    public async Task<(string BaseCurrency, IReadOnlyList<(ExpectedPayment Payment, decimal? InBase)> Payments, decimal AnnualIncome)> RunAsync(
        Caller caller, int months, string? baseCurrency, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var (rows, currency) = await database.RunAsync(caller.Claims, async s =>
            (await dividends.ListAsync(s, caller.UserId, ["pending", "confirmed", "edited"], null, null, ct),
             baseCurrency ?? await dividends.BaseCurrencyAsync(s, caller.UserId, ct)), ct);
        var held = (await RemoteCalls.RunAsync(o => holdings.ListHoldingsAsync(new ListHoldingsRequest(), o), ct)).Holdings
            .GroupBy(h => h.Symbol)
            .ToDictionary(g => g.Key, g => g.Sum(h => DecimalText.TryParse(h.Quantity, out var q) ? q : 0m));
        var owedAt = rows.Where(r => r.SharesHeldAtExDate is > 0)
            .GroupBy(r => (r.Symbol, r.ExDate))
            .ToDictionary(g => g.Key, g => g.Sum(r => r.SharesHeldAtExDate!.Value));
        var symbols = held.Where(h => h.Value > 0).Select(h => h.Key).Concat(rows.Where(r => r.ExDate > today.AddYears(-1)).Select(r => r.Symbol));
        var eventsBySymbol = await events.ReadAsync(symbols, ct);

        var forecast = UpcomingPayments.Forecast(eventsBySymbol, held, owedAt, today, months);
        var rates = await fx.RatesAsync(currency, forecast.Select(p => (p.Currency, today)), ct);
        var payments = forecast.Select(p => (p, p.Currency == currency ? p.ExpectedAmount
            : rates.Find(p.Currency, today) is { } rate ? IncomeCalculator.ToBase(p.ExpectedAmount, rate) : (decimal?)null)).ToList();
        var yearAhead = today.AddYears(1);
        var annual = payments.Where(p => p.p.ExDate <= yearAhead).Sum(p => p.Item2 ?? 0m);
        return (currency, payments, annual);
    }
}
