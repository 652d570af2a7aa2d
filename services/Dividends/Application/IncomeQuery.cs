using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// Gathers an income report's inputs: the confirmed and edited rows and the base currency (one
/// database unit, while holdings are asked from Portfolio), latest closes from MarketData (one
/// call), then every FX rate in one batch: each payment at its pay date (ex-date when
/// none), holdings and closes at today's.
/// </summary>
public sealed class IncomeQuery(
    RlsDatabase database, DividendRepository dividends, HoldingService.HoldingServiceClient holdings, PriceService.PriceServiceClient prices,
    FxToBase fx, TimeProvider clock)
{
    public async Task<(string BaseCurrency, IncomeSummary Summary)> RunAsync(Caller caller, int? year, string? baseCurrency, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Holdings do not depend on the rows: asked while the rows are read.
        var heldTask = RemoteCalls.RunAsync(o => holdings.ListHoldingsAsync(new ListHoldingsRequest(), o), ct);
        var (rows, profileCurrency) = await database.RunAsync(caller.Claims, async s =>
            (await dividends.IncomeRowsAsync(s, caller.UserId, ct), baseCurrency ?? await dividends.BaseCurrencyAsync(s, caller.UserId, ct)), ct);
        var currency = profileCurrency;

        var symbols = rows.Select(r => r.Symbol).Distinct().ToList();
        var closesRequest = new GetLatestPricesBatchRequest { AsOf = DateText.Format(today) };
        closesRequest.Symbols.AddRange(symbols);
        var closesTask = symbols.Count == 0 ? Task.FromResult(new GetLatestPricesBatchResponse()) : RemoteCalls.RunAsync(o => prices.GetLatestPricesBatchAsync(closesRequest, o), ct);
        var held = (await heldTask).Holdings.Where(h => symbols.Contains(h.Symbol)).ToList();
        var closes = (await closesTask).Prices.ToDictionary(p => p.Symbol);

        var wanted = rows.Select(r => (r.Currency, r.Date))
            .Concat(closes.Values.Select(c => (c.Currency, today)));
        var rates = await fx.RatesAsync(currency, wanted, ct);

        var payments = rows.Select(r => new IncomePayment(
            r.Symbol, r.Date, r.Currency, r.AmountPerShare, r.Gross, r.Tax, rates.Require(r.Currency, r.Date))).ToList();
        var heldBySymbol = held.GroupBy(h => h.Symbol).ToDictionary(g => g.Key, g =>
        {
            closes.TryGetValue(g.Key, out var close);
            // A position's average cost is in its trade currency: taken as the listing currency of its close.
            var fxNow = close is null ? (decimal?)null : rates.Find(close.Currency, today);
            var shares = g.Sum(h => Parse(h.Quantity));
            var cost = g.Sum(h => Parse(h.Quantity) * Parse(h.AveragePrice));
            return new HeldSymbol(g.Key, shares, fxNow is { } f ? cost * f : 0m,
                fxNow is { } r && DecimalText.TryParse(close!.Close, out var c) ? c * r : null);
        });
        return (currency, IncomeCalculator.Summarise(payments, year, heldBySymbol, today));
    }

    private static decimal Parse(string text) => DecimalText.TryParse(text, out var value) ? value : 0m;
}
