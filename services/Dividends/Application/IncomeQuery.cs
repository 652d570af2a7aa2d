using PortfolioTracker.Dividends.Data;
using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.MarketData.V1;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// Gathers an income report's inputs: the confirmed and edited rows and the base currency (one
/// database unit) while, side by side, what the current holdings need is asked (holdings from
/// Portfolio, then their latest closes from MarketData, then today's FX of those closes when the
/// base currency is known up front), then the rows' FX rates in one batch: each payment at its pay
/// date (ex-date when none).
/// </summary>
public sealed class IncomeQuery(
    RlsDatabase database, DividendRepository dividends, HoldingService.HoldingServiceClient holdings, PriceService.PriceServiceClient prices,
    FxToBase fx, TimeProvider clock)
{
    public async Task<(string BaseCurrency, IncomeSummary Summary)> RunAsync(Caller caller, int? year, string? baseCurrency, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        // Holdings, their closes and today's rates do not depend on the rows: asked while the rows are read.
        var heldTask = HeldNowAsync(baseCurrency, today, ct);
        var (rows, currency) = await database.RunAsync(caller.Claims, async s =>
            (await dividends.IncomeRowsAsync(s, caller.UserId, ct), baseCurrency ?? await dividends.BaseCurrencyAsync(s, caller.UserId, ct)), ct);
        var (holdingsNow, closes, ratesNow) = await heldTask;

        var symbols = rows.Select(r => r.Symbol).ToHashSet(StringComparer.Ordinal);
        var held = holdingsNow.Where(h => symbols.Contains(h.Symbol)).ToList();
        var wanted = rows.Select(r => (r.Currency, r.Date));
        if (ratesNow is null)
        {
            wanted = wanted.Concat(closes.Values.Select(c => (c.Currency, today)));
        }
        var rates = await fx.RatesAsync(currency, wanted, ct);
        var todaysRates = ratesNow ?? rates;

        var payments = rows.Select(r => new IncomePayment(
            r.Symbol, r.Date, r.Currency, r.AmountPerShare, r.Gross, r.Tax, rates.Require(r.Currency, r.Date))).ToList();
        var heldBySymbol = held.GroupBy(h => h.Symbol).ToDictionary(g => g.Key, g =>
        {
            closes.TryGetValue(g.Key, out var close);
            // A position's average cost is in its trade currency: taken as the listing currency of its close.
            var fxNow = close is null ? (decimal?)null : todaysRates.Find(close.Currency, today);
            var shares = g.Sum(h => Parse(h.Quantity));
            var cost = g.Sum(h => Parse(h.Quantity) * Parse(h.AveragePrice));
            return new HeldSymbol(g.Key, shares, fxNow is { } f ? cost * f : 0m,
                fxNow is { } r && DecimalText.TryParse(close!.Close, out var c) ? c * r : null);
        });
        return (currency, IncomeCalculator.Summarise(payments, year, heldBySymbol, today));
    }

    /// <summary>
    /// The user's holdings, the latest close of each symbol held, and (when the base currency is
    /// already known) today's rates of those closes' currencies; null rates otherwise.
    /// </summary>
    private async Task<(IReadOnlyList<Holding> Holdings, IReadOnlyDictionary<string, LatestPrice> Closes, BaseRates? RatesNow)> HeldNowAsync(
        string? baseCurrency, DateOnly today, CancellationToken ct)
    {
        var holdingsNow = (await RemoteCalls.RunAsync(o => holdings.ListHoldingsAsync(new ListHoldingsRequest(), o), ct)).Holdings;
        var symbols = holdingsNow.Select(h => h.Symbol).Distinct(StringComparer.Ordinal).ToList();
        if (symbols.Count == 0)
        {
            return ([], new Dictionary<string, LatestPrice>(), null);
        }
        var request = new GetLatestPricesBatchRequest { AsOf = DateText.Format(today) };
        request.Symbols.AddRange(symbols);
        var closes = (await RemoteCalls.RunAsync(o => prices.GetLatestPricesBatchAsync(request, o), ct)).Prices.ToDictionary(p => p.Symbol);
        var ratesNow = baseCurrency is null ? null : await fx.RatesAsync(baseCurrency, closes.Values.Select(c => (c.Currency, today)), ct);
        return (holdingsNow, closes, ratesNow);
    }

    private static decimal Parse(string text) => DecimalText.TryParse(text, out var value) ? value : 0m;
}
