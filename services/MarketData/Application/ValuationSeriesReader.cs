using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Domain;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// What one valuation lacks, read in one database session: master data of the named symbols,
/// their closes over each symbol's own window, and FX over each pair's own window (stored,
/// inverse or cross, as <see cref="FxSeriesBuilder"/> derives them), plus the rates of the
/// stocks' currencies the caller could not name before it knew them.
/// </summary>
public sealed class ValuationSeriesReader(RlsDatabase database, StockRepository stocks, PriceRepository prices, FxRepository rates)
{
    public sealed record SymbolWindow(string Symbol, DateOnly? From, DateOnly To);

    public sealed record PairWindow(string From, string To, DateOnly First, DateOnly Last);

    /// <param name="Held">Currencies whose rates into <paramref name="Currency"/> the caller holds.</param>
    public sealed record StockFxWindow(string Currency, DateOnly First, DateOnly Last, IReadOnlySet<string> Held);

    /// <param name="Closes">One per symbol window with a start, in the order asked.</param>
    /// <param name="Rates">One per pair window, then one per pair added for a stock's currency.</param>
    public sealed record Series(
        IReadOnlyList<StockRow> Stocks,
        IReadOnlyList<(string Symbol, IReadOnlyList<CloseRow> Closes)> Closes,
        IReadOnlyList<(PairWindow Pair, IReadOnlyList<(DateOnly Date, decimal Rate)> Rates)> Rates);

    public Task<Series> ReadAsync(
        DbClaims claims, IReadOnlyList<SymbolWindow> symbols, IReadOnlyList<PairWindow> pairs, StockFxWindow? stockFx, CancellationToken ct) =>
        database.RunAsync(claims, async session =>
        {
            var known = symbols.Count == 0
                ? []
                : await stocks.GetManyAsync(session, symbols.Select(s => s.Symbol).Distinct().ToList(), ct);
            var allPairs = pairs.Concat(AddedForStocks(known, pairs, stockFx)).ToList();

            var closeWindows = symbols.Where(s => s.From is not null).Select(s => (s.Symbol, s.From!.Value, s.To)).ToList();
            var closes = await prices.GetCloseWindowsAsync(session, closeWindows, ct);

            // Each pair needs its candidate legs over its own window; legs are read once per (leg, window).
            var legWindows = allPairs
                .SelectMany(p => FxConversion.Candidates(p.From, p.To).Where(c => c.From != c.To).Select(c => (c.From, c.To, p.First, p.Last)))
                .Distinct()
                .ToList();
            var legRates = await rates.GetRangeWindowsAsync(session, legWindows, ct);
            var legs = legWindows.Select((leg, i) => (leg, rates: (IReadOnlyList<(DateOnly, decimal)>)legRates[i]))
                .ToDictionary(x => x.leg, x => x.rates);

            var built = allPairs.Select(pair => (pair, pair.From == pair.To
                ? (IReadOnlyList<(DateOnly Date, decimal Rate)>)[(pair.First, 1m)]
                : FxSeriesBuilder.Build(pair.From, pair.To, FxConversion.Candidates(pair.From, pair.To)
                    .Where(c => c.From != c.To)
                    .Distinct()
                    .ToDictionary(c => c, c => legs[(c.From, c.To, pair.First, pair.Last)])))).ToList();
            return new Series(known, closeWindows.Select((w, i) => (w.Symbol, (IReadOnlyList<CloseRow>)closes[i])).ToList(), built);
        }, ct);

    private static IEnumerable<PairWindow> AddedForStocks(IReadOnlyList<StockRow> known, IReadOnlyList<PairWindow> pairs, StockFxWindow? stockFx)
    {
        if (stockFx is null)
        {
            return [];
        }
        var named = pairs.Where(p => p.To == stockFx.Currency).Select(p => p.From).ToHashSet();
        return known.Select(s => s.Currency)
            .Where(c => c != stockFx.Currency && !named.Contains(c) && !stockFx.Held.Contains(c))
            .Distinct()
            .Order(StringComparer.Ordinal)
            .Select(c => new PairWindow(c, stockFx.Currency, stockFx.First, stockFx.Last));
    }
}
