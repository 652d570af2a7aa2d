using static PortfolioTracker.Portfolio.Tests.Metrics.MetricsFixtures;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>
/// Random but reproducible ledgers and markets (one seed each) for comparing the incremental
/// state with a full replay: trades in three currencies, sells to zero and re-buys, splits,
/// oversells, deposits and withdrawals, dividends, interest, fees and taxes on held, unknown and
/// later-traded symbols, closes with gaps and FX with gaps (and one currency without rates).
/// </summary>
internal sealed class RandomLedger(int seed)
{
    public static readonly DateOnly Start = D("2024-01-01");
    public const int Span = 150; // days of history

    // Quoted symbols (one in EUR), one the market does not know, currencies as FEE/INTEREST symbols.
    private static readonly string[] Symbols = ["AAA", "BBB", "EEE", "ZZZ"];
    private static readonly string[] Currencies = ["USD", "USD", "USD", "USD", "EUR", "EUR", "EUR", "EUR", "EUR", "GBP"];

    private readonly Random _random = new(seed);

    public int Next(int maxValue) => _random.Next(maxValue);

    /// <summary>The base currency: mostly USD; EUR too (GBP then has no rate: the failure path).</summary>
    public string BaseCurrency() => _random.Next(4) == 0 ? "EUR" : "USD";

    /// <summary>Closes and FX over the whole span; <see cref="MarketAsOf"/> cuts them as the loader would.</summary>
    public (Dictionary<string, Security> Securities, List<FxQuote> Fx) Market()
    {
        var securities = new Dictionary<string, Security>(StringComparer.Ordinal);
        foreach (var (symbol, currency) in new[] { ("AAA", "USD"), ("BBB", "USD"), ("EEE", "EUR") })
        {
            var closes = new List<(DateOnly, decimal)>();
            var price = Money(20, 200, 2);
            // Closes start a little after the history (trade prices stand in) and have gaps.
            for (var day = _random.Next(0, 20); day <= Span + 10; day++)
            {
                if (_random.Next(5) == 0) continue;
                price = Math.Max(1m, Math.Round(price * (1 + (_random.Next(-300, 301) / 10_000m)), 4));
                closes.Add((Start.AddDays(day), price));
            }
            securities[symbol] = new Security(currency, _random.Next(3) == 0 ? null : "Tech", new ClosePriceSeries(closes));
        }
        var fx = new List<FxQuote>();
        var eur = 1.08m;
        for (var day = -5; day <= Span + 10; day++)
        {
            if (_random.Next(4) == 0) continue;
            eur = Math.Round(eur * (1 + (_random.Next(-50, 51) / 10_000m)), 5);
            fx.Add(new FxQuote("EUR", "USD", Start.AddDays(day), eur));
            if (_random.Next(3) == 0) fx.Add(new FxQuote("GBP", "USD", Start.AddDays(day), Math.Round(eur * 1.17m, 4)));
        }
        return (securities, fx);
    }

    /// <summary>
    /// What the metrics loader hands the engine for <paramref name="asOf"/>: the securities of the
    /// symbols traded on or before it (and the benchmark), closes and FX through it.
    /// </summary>
    public static MarketSnapshot MarketAsOf(
        (Dictionary<string, Security> Securities, List<FxQuote> Fx) market, IEnumerable<LedgerEntry> entries, DateOnly asOf, string? benchmark = null)
    {
        var traded = entries
            .Where(e => e.Date <= asOf && e.Type is TransactionType.Buy or TransactionType.Sell or TransactionType.Split or TransactionType.Dividend)
            .Select(e => e.Symbol)
            .Append(benchmark)
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        var securities = market.Securities
            .Where(s => traded.Contains(s.Key))
            .ToDictionary(s => s.Key, s => s.Value with { Closes = s.Value.Closes.Through(asOf) }, StringComparer.Ordinal);
        return new MarketSnapshot(securities, new FxTable(market.Fx.Where(q => q.Date <= asOf)));
    }

    /// <summary>
    /// A plausible ledger: mostly valid, with a few entries the engine refuses (oversells) so the
    /// failure path is compared too.
    /// </summary>
    public List<LedgerEntry> Entries(int count) => Entries(count, refusals: true);

    /// <summary>
    /// A ledger the engine accepts as a whole (no oversell, no GBP: its rates are missing in EUR),
    /// long enough to be worth checkpoints: the figures of every day, not one refusal, are compared.
    /// </summary>
    public List<LedgerEntry> AcceptedEntries(int count) => Entries(count, refusals: false);

    private List<LedgerEntry> Entries(int count, bool refusals)
    {
        var entries = new List<LedgerEntry>(count);
        var held = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var tracksCash = _random.Next(3) == 0;
        var dates = Enumerable.Range(0, count).Select(_ => Start.AddDays(_random.Next(0, Span))).Order().ToList();
        foreach (var date in dates)
        {
            var entry = Next(date, held, ref tracksCash, refusals);
            entries.Add(refusals || entry.Currency != "GBP" ? entry : entry with { Currency = "USD", Symbol = entry.Symbol == "GBP" ? "USD" : entry.Symbol });
        }
        return entries;
    }

    /// <summary>One more entry dated <paramref name="date"/> (the holdings it assumes may be off: an oversell is fine).</summary>
    public LedgerEntry Next(DateOnly date)
    {
        var tracksCash = _random.Next(4) == 0;
        return Next(date, new Dictionary<string, decimal>(StringComparer.Ordinal) { ["AAA"] = 5, ["EEE"] = 3 }, ref tracksCash, refusals: true);
    }

    private LedgerEntry Next(DateOnly date, Dictionary<string, decimal> held, ref bool tracksCash, bool refusals)
    {
        var symbol = Symbols[_random.Next(Symbols.Length)];
        var currency = symbol == "EEE" ? "EUR" : Currencies[_random.Next(Currencies.Length)];
        var commission = _random.Next(3) == 0 ? 0m : Money(0, 5, _random.Next(0, 3));
        var roll = _random.Next(100);
        if (roll < 30 || held.GetValueOrDefault(symbol) == 0 && roll < 50)
        {
            var quantity = Money(1, 50, _random.Next(0, 4));
            held[symbol] = held.GetValueOrDefault(symbol) + quantity;
            return Entry(TransactionType.Buy, date, symbol, quantity, Money(5, 300, 2), commission, currency);
        }
        if (roll < 50)
        {
            var have = held.GetValueOrDefault(symbol);
            var quantity = _random.Next(40) switch
            {
                < 15 => have, // to zero
                15 when refusals => have + 1, // an oversell: refused at its date
                _ => Math.Round(have * _random.Next(1, 100) / 100m, 3),
            };
            if (quantity <= 0 && !refusals)
            {
                held[symbol] = have + 1; // nothing to sell: a buy instead
                return Entry(TransactionType.Buy, date, symbol, 1, Money(5, 300, 2), commission, currency);
            }
            if (quantity <= 0) quantity = 1;
            held[symbol] = Math.Max(0, have - quantity);
            return Entry(TransactionType.Sell, date, symbol, quantity, Money(5, 300, 2), commission, currency);
        }
        if (roll < 56)
        {
            var ratio = new[] { 2m, 3m, 0.5m, 1.5m, 10m }[_random.Next(5)];
            held[symbol] = held.GetValueOrDefault(symbol) * ratio;
            return Entry(TransactionType.Split, date, symbol, ratio, 0, _random.Next(4) == 0 ? commission : 0, "USD");
        }
        if (roll < 66 && (tracksCash || _random.Next(4) == 0))
        {
            tracksCash = true;
            var type = _random.Next(3) == 0 ? TransactionType.Withdrawal : TransactionType.Deposit;
            var cash = Currencies[_random.Next(Currencies.Length)];
            return Entry(type, date, cash, Money(100, 5000, 2), 1, _random.Next(5) == 0 ? commission : 0, cash);
        }
        if (roll < 76)
        {
            return Entry(TransactionType.Dividend, date, symbol, Math.Max(1, held.GetValueOrDefault(symbol)), Money(0, 3, 4), commission, currency);
        }
        if (roll < 82)
        {
            var cash = Currencies[_random.Next(Currencies.Length)];
            return Entry(TransactionType.Interest, date, cash, 1, Money(0, 40, 2), _random.Next(4) == 0 ? commission : 0, cash);
        }
        // FEE or TAX on a position, an unknown symbol, a currency, or a symbol traded only later.
        var target = _random.Next(4) switch
        {
            0 => currency,
            1 => "BBB",
            _ => symbol,
        };
        var feeType = _random.Next(2) == 0 ? TransactionType.Fee : TransactionType.Tax;
        return Entry(feeType, date, target, 1, Money(0, 20, 2), _random.Next(4) == 0 ? commission : 0, currency);
    }

    private static LedgerEntry Entry(TransactionType type, DateOnly date, string symbol, decimal quantity, decimal price, decimal commission, string currency) =>
        new(Guid.NewGuid(), type, symbol, date, quantity, price, commission, currency);

    /// <summary>A random amount in [min, max) with <paramref name="decimals"/> places (the scale varies too).</summary>
    private decimal Money(int min, int max, int decimals)
        => Math.Round(min + (decimal)_random.NextDouble() * (max - min), decimals);
}
