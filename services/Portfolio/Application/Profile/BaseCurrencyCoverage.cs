using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Portfolio.Application.Profile;

/// <summary>
/// Whether MarketData can convert into a base currency: from USD (every cross rate goes through
/// it) and from every currency the user trades in, asked in one batch call with the caller's
/// token. A base currency without rates (XXX) would make every later metric fail, so it is
/// refused when it is set rather than discovered afterwards.
/// </summary>
public sealed class BaseCurrencyCoverage(FxService.FxServiceClient fx, TimeProvider clock)
{
    private const string Pivot = "USD";

    /// <summary>The currencies MarketData has no rate from into <paramref name="baseCurrency"/>, in order.</summary>
    public async Task<IReadOnlyList<string>> UnconvertibleAsync(
        string baseCurrency, IEnumerable<string> tradedCurrencies, CancellationToken ct)
    {
        var from = tradedCurrencies.Prepend(Pivot).Where(c => c != baseCurrency).Distinct().ToList();
        if (from.Count == 0)
        {
            return [];
        }
        var today = DateText.Format(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var request = new GetFxRatesBatchRequest();
        request.Queries.AddRange(from.Select(c => new FxQuery { From = c, To = baseCurrency, Date = today }));
        var response = await fx.GetFxRatesBatchAsync(request, cancellationToken: ct);
        // In the order of the queries; an empty rate means none is known on or before today.
        return from.Where((_, i) => string.IsNullOrEmpty(response.Rates[i].Rate)).ToList();
    }
}
