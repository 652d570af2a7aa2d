using System.Globalization;

namespace PortfolioTracker.Dividends.Domain;

/// <summary>One confirmed or edited dividend with the FX to the base currency of its pay date (ex-date when none).</summary>
public sealed record IncomePayment(string Symbol, DateOnly Date, string Currency, decimal AmountPerShare, decimal Gross, decimal Tax, decimal FxToBase);

/// <summary>A symbol held now: shares across portfolios, cost basis and latest close, in the base currency.</summary>
public sealed record HeldSymbol(string Symbol, decimal Shares, decimal CostBasisInBase, decimal? CloseInBase);

public sealed record IncomeFigures(decimal Gross, decimal Tax, int Payments)
{
    public decimal Net => Gross - Tax;

    public static IncomeFigures Zero { get; } = new(0, 0, 0);

    public IncomeFigures Add(decimal gross, decimal tax) => new(Gross + gross, Tax + tax, Payments + 1);
}

public sealed record SymbolIncomeFigures(
    string Symbol, string Currency, IncomeFigures Base, decimal GrossInCurrency, decimal? YieldOnCost, decimal? CurrentYield);

public sealed record CurrencyIncomeFigures(string Currency, IncomeFigures Base, IncomeFigures InCurrency);

public sealed record IncomeSummary(
    IncomeFigures Total, decimal TrailingTwelveMonths, IReadOnlyList<(string Period, IncomeFigures Figures)> ByYear,
    IReadOnlyList<(string Period, IncomeFigures Figures)> ByMonth, IReadOnlyList<SymbolIncomeFigures> BySymbol,
    IReadOnlyList<CurrencyIncomeFigures> ByCurrency);

/// <summary>
/// Income from confirmed and edited dividends. Each payment is converted at the FX of its own
/// date and rounded to the cent once (half away from zero); every total is the sum of those
/// rounded parts, so a breakdown always adds up to its total. Trailing twelve months: payments
/// dated after the same day a year ago, up to today. Yield on cost: trailing-twelve-month gross
/// ÷ cost basis of the shares held now; current yield: trailing-twelve-month gross per share ÷
/// the latest close (both in the base currency).
/// </summary>
public static class IncomeCalculator
{
    public static decimal ToBase(decimal amount, decimal fx) => decimal.Round(amount * fx, 2, MidpointRounding.AwayFromZero);

    public static IncomeSummary Summarise(IReadOnlyList<IncomePayment> all, int? year, IReadOnlyDictionary<string, HeldSymbol> held, DateOnly today)
    {
        var yearAgo = today.AddYears(-1);
        var ttmRows = all.Where(p => p.Date > yearAgo && p.Date <= today).ToList();
        var ttm = ttmRows.Sum(p => ToBase(p.Gross, p.FxToBase));
        var payments = year is { } y ? all.Where(p => p.Date.Year == y).ToList() : [.. all];

        var total = IncomeFigures.Zero;
        // Keyed by number (2024, 202403) and named once at the end: formatting a name per
        // payment was most of this method's time for twenty years of payments.
        var byYear = new SortedDictionary<int, IncomeFigures>();
        var byMonth = new SortedDictionary<int, IncomeFigures>();
        var bySymbol = new SortedDictionary<string, (IncomeFigures Base, decimal InCurrency, string Currency, DateOnly Latest)>(StringComparer.Ordinal);
        var byCurrency = new SortedDictionary<string, (IncomeFigures Base, IncomeFigures InCurrency)>(StringComparer.Ordinal);
        foreach (var p in payments)
        {
            decimal gross = ToBase(p.Gross, p.FxToBase), tax = ToBase(p.Tax, p.FxToBase);
            total = total.Add(gross, tax);
            Bump(byYear, p.Date.Year, gross, tax);
            Bump(byMonth, p.Date.Year * 100 + p.Date.Month, gross, tax);
            var s = bySymbol.GetValueOrDefault(p.Symbol, (Base: IncomeFigures.Zero, InCurrency: 0m, Currency: p.Currency, Latest: DateOnly.MinValue));
            bySymbol[p.Symbol] = (s.Base.Add(gross, tax), s.InCurrency + p.Gross, p.Date >= s.Latest ? p.Currency : s.Currency, p.Date >= s.Latest ? p.Date : s.Latest);
            var c = byCurrency.GetValueOrDefault(p.Currency, (Base: IncomeFigures.Zero, InCurrency: IncomeFigures.Zero));
            byCurrency[p.Currency] = (c.Base.Add(gross, tax), c.InCurrency.Add(p.Gross, p.Tax));
        }

        var symbols = bySymbol.Select(kv =>
        {
            var symbolTtm = ttmRows.Where(p => p.Symbol == kv.Key).ToList();
            var grossTtm = symbolTtm.Sum(p => ToBase(p.Gross, p.FxToBase));
            var perShareTtm = symbolTtm.Sum(p => p.AmountPerShare * p.FxToBase);
            held.TryGetValue(kv.Key, out var h);
            decimal? yieldOnCost = h is { Shares: > 0, CostBasisInBase: > 0 } ? grossTtm / h.CostBasisInBase : null;
            decimal? currentYield = h?.CloseInBase is > 0 and { } close ? perShareTtm / close : null;
            return new SymbolIncomeFigures(kv.Key, kv.Value.Currency, kv.Value.Base, kv.Value.InCurrency, Round(yieldOnCost), Round(currentYield));
        }).ToList();

        return new IncomeSummary(
            total, ttm,
            [.. byYear.Select(kv => (kv.Key.ToString("D4", CultureInfo.InvariantCulture), kv.Value))],
            [.. byMonth.Select(kv => ($"{kv.Key / 100:D4}-{kv.Key % 100:D2}", kv.Value))],
            symbols,
            [.. byCurrency.Select(kv => new CurrencyIncomeFigures(kv.Key, kv.Value.Base, kv.Value.InCurrency))]);
    }

    private static void Bump(SortedDictionary<int, IncomeFigures> buckets, int key, decimal gross, decimal tax) =>
        buckets[key] = buckets.GetValueOrDefault(key, IncomeFigures.Zero).Add(gross, tax);

    /// <summary>Yields as fractions (0.0345 = 3.45 %), to six places.</summary>
    private static decimal? Round(decimal? ratio) => ratio is { } r ? decimal.Round(r, 6, MidpointRounding.AwayFromZero) : null;
}
