using PortfolioTracker.Dividends.Caching;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// Rates from other currencies into a base currency on given dates: the settled ones from
/// <see cref="SettledFxRates"/>, the rest from MarketData in one batch (the freshest candidate
/// on or before each date, as MarketData picks it).
/// </summary>
public sealed class FxToBase(FxService.FxServiceClient fx, SettledFxRates settled, TimeProvider clock)
{
    /// <summary>The rates of <paramref name="wanted"/> (currency, date) pairs; those without a known rate are missing from it.</summary>
    public async Task<BaseRates> RatesAsync(
        string baseCurrency, IEnumerable<(string Currency, DateOnly Date)> wanted, CancellationToken ct)
    {
        var rates = new Dictionary<(string, DateOnly), decimal>();
        var asked = new List<(string Currency, DateOnly Date)>();
        foreach (var query in wanted.Where(w => w.Currency != baseCurrency).Distinct())
        {
            if (settled.TryGet(query.Currency, baseCurrency, query.Date, out var rate))
            {
                rates[query] = rate;
            }
            else
            {
                asked.Add(query);
            }
        }
        if (asked.Count == 0)
        {
            return new BaseRates(baseCurrency, rates);
        }

        var request = new GetFxRatesBatchRequest();
        request.Queries.AddRange(asked.Select(q => new FxQuery { From = q.Currency, To = baseCurrency, Date = DateText.Format(q.Date) }));
        var response = await RemoteCalls.RunAsync(o => fx.GetFxRatesBatchAsync(request, o), ct);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        for (var i = 0; i < asked.Count && i < response.Rates.Count; i++)
        {
            if (DecimalText.TryParse(response.Rates[i].Rate, out var rate) && rate > 0)
            {
                rates[asked[i]] = rate;
                settled.Remember(asked[i].Currency, baseCurrency, asked[i].Date, rate, today);
            }
        }
        return new BaseRates(baseCurrency, rates);
    }
}
