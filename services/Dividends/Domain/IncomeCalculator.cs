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
        // Trailing twelve months over all payments (whatever the year asked), per symbol too.
        var ttm = 0m;
        var ttmBySymbol = new Dictionary<string, (decimal Gross, decimal PerShare)>(StringComparer.Ordinal);
        foreach (var p in all)
        {
            if (p.Date > yearAgo && p.Date <= today)
            {
                var gross = ToBase(p.Gross, p.FxToBase);
                ttm += gross;
                var s = ttmBySymbol.GetValueOrDefault(p.Symbol);
                ttmBySymbol[p.Symbol] = (s.Gross + gross, s.PerShare + p.AmountPerShare * p.FxToBase);
            }
        }

        // Running sums in hash maps, ordered once at the end; years and months keyed by number
        // (2024, 202403) and named once: per-payment allocations and formatting were most of this
        // method's time for twenty years of payments.
        var total = new Sums();
        var byYear = new Dictionary<int, Sums>();
        var byMonth = new Dictionary<int, Sums>();
        var bySymbol = new Dictionary<string, SymbolSums>(StringComparer.Ordinal);
        var byCurrency = new Dictionary<string, (Sums Base, Sums InCurrency)>(StringComparer.Ordinal);
        foreach (var p in all)
        {
            if (year is { } y && p.Date.Year != y)
            {
                continue;
            }
            decimal gross = ToBase(p.Gross, p.FxToBase), tax = ToBase(p.Tax, p.FxToBase);
            total.Add(gross, tax);
            SumsOf(byYear, p.Date.Year).Add(gross, tax);
            SumsOf(byMonth, p.Date.Year * 100 + p.Date.Month).Add(gross, tax);
            if (!bySymbol.TryGetValue(p.Symbol, out var symbol))
            {
                bySymbol[p.Symbol] = symbol = new SymbolSums(p.Currency);
            }
            symbol.Base.Add(gross, tax);
            symbol.InCurrency += p.Gross;
            if (p.Date >= symbol.Latest)
            {
                symbol.Currency = p.Currency;
                symbol.Latest = p.Date;
            }
            if (!byCurrency.TryGetValue(p.Currency, out var currency))
            {
                byCurrency[p.Currency] = currency = (new Sums(), new Sums());
            }
            currency.Base.Add(gross, tax);
            currency.InCurrency.Add(p.Gross, p.Tax);
        }

        var symbols = bySymbol.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv =>
        {
            var (grossTtm, perShareTtm) = ttmBySymbol.GetValueOrDefault(kv.Key);
            held.TryGetValue(kv.Key, out var h);
            decimal? yieldOnCost = h is { Shares: > 0, CostBasisInBase: > 0 } ? grossTtm / h.CostBasisInBase : null;
            decimal? currentYield = h?.CloseInBase is > 0 and { } close ? perShareTtm / close : null;
            var s = kv.Value;
            return new SymbolIncomeFigures(kv.Key, s.Currency, s.Base.Figures, s.InCurrency, Round(yieldOnCost), Round(currentYield));
        }).ToList();

        return new IncomeSummary(
            total.Figures, ttm,
            [.. byYear.OrderBy(kv => kv.Key).Select(kv => (kv.Key.ToString("D4", CultureInfo.InvariantCulture), kv.Value.Figures))],
            [.. byMonth.OrderBy(kv => kv.Key).Select(kv => ($"{kv.Key / 100:D4}-{kv.Key % 100:D2}", kv.Value.Figures))],
            symbols,
            [.. byCurrency.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new CurrencyIncomeFigures(kv.Key, kv.Value.Base.Figures, kv.Value.InCurrency.Figures))]);
    }

    private static Sums SumsOf(Dictionary<int, Sums> buckets, int key)
    {
        if (!buckets.TryGetValue(key, out var sums))
        {
            buckets[key] = sums = new Sums();
        }
        return sums;
    }

    /// <summary>Yields as fractions (0.0345 = 3.45 %), to six places.</summary>
    private static decimal? Round(decimal? ratio) => ratio is { } r ? decimal.Round(r, 6, MidpointRounding.AwayFromZero) : null;

    /// <summary>Gross, tax and count of payments, added to in place.</summary>
    private sealed class Sums
    {
        public decimal Gross { get; private set; }

        public decimal Tax { get; private set; }

        public int Payments { get; private set; }

        public IncomeFigures Figures => new(Gross, Tax, Payments);

        public void Add(decimal gross, decimal tax)
        {
            Gross += gross;
            Tax += tax;
            Payments++;
        }
    }

    /// <summary>A symbol's sums: in the base currency, gross in its own currency, and the currency of its latest payment.</summary>
    private sealed class SymbolSums(string currency)
    {
        public Sums Base { get; } = new();

        public decimal InCurrency { get; set; }

        public string Currency { get; set; } = currency;

        public DateOnly Latest { get; set; } = DateOnly.MinValue;
    }
}
