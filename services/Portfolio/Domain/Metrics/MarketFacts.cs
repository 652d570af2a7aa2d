namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// What <see cref="Book.Apply"/> read from the market while building a <see cref="LedgerState"/>:
/// each FX rate (by currency and day), each symbol's security currency when its position opened,
/// and whether a FEE's symbol was a known security. A stored state is reused for another
/// request's market only up to the first day on which that market answers any of these
/// differently (a corrected rate, a symbol MarketData learned, a benchmark that is also a FEE's
/// symbol); from that day on it is recomputed, so it never disagrees with a full replay.
/// </summary>
internal sealed class MarketFacts
{
    private readonly Dictionary<string, List<(int Day, decimal Rate)>> _rates;
    private readonly Dictionary<string, (int Day, string? Currency)> _securities;
    private readonly Dictionary<string, (int Day, bool Known)> _known;

    public MarketFacts()
    {
        _rates = new(StringComparer.Ordinal);
        _securities = new(StringComparer.Ordinal);
        _known = new(StringComparer.Ordinal);
    }

    private MarketFacts(MarketFacts source, int lastDay, IReadOnlySet<string>? reopened = null, int reopenedAfter = int.MaxValue)
    {
        _rates = new(StringComparer.Ordinal);
        foreach (var (currency, rates) in source._rates)
        {
            var kept = rates.FindAll(r => r.Day <= lastDay);
            if (kept.Count > 0) _rates[currency] = kept;
        }
        _securities = source._securities.Where(s => Kept(s.Key, s.Value.Day)).ToDictionary(StringComparer.Ordinal);
        _known = source._known.Where(s => Kept(s.Key, s.Value.Day)).ToDictionary(StringComparer.Ordinal);

        bool Kept(string symbol, int day) => day <= lastDay && (day <= reopenedAfter || reopened?.Contains(symbol) != true);
    }

    /// <summary>How many facts are held (for the memory estimate).</summary>
    public int Count => _rates.Values.Sum(r => r.Count) + _securities.Count + _known.Count;

    /// <summary>A copy of the facts read on or before <paramref name="lastDay"/>, to continue building after it.</summary>
    public MarketFacts Through(int lastDay) => new(this, lastDay);

    /// <summary>
    /// <see cref="Through"/>, less what <paramref name="symbols"/> recorded after <paramref name="day"/>:
    /// for a rebuild that applies only those symbols' entries again from that day, and keeps what
    /// every other entry read (the same rows read the same market).
    /// </summary>
    public MarketFacts Through(int lastDay, IReadOnlySet<string> symbols, int day) => new(this, lastDay, symbols, day);

    /// <param name="rate">0 when no rate was known.</param>
    public void RecordRate(string currency, DateOnly date, decimal rate)
    {
        if (!_rates.TryGetValue(currency, out var rates))
        {
            _rates[currency] = rates = [];
        }
        if (rates.Count == 0 || rates[^1].Day < date.DayNumber)
        {
            rates.Add((date.DayNumber, rate));
            return;
        }
        // Between days already held: a rebuild that applies some entries again among kept facts.
        var at = rates.BinarySearch((date.DayNumber, rate), DayOrder);
        if (at < 0)
        {
            rates.Insert(~at, (date.DayNumber, rate));
        }
    }

    private static readonly Comparer<(int Day, decimal Rate)> DayOrder = Comparer<(int Day, decimal Rate)>.Create((a, b) => a.Day.CompareTo(b.Day));

    public void RecordSecurity(string symbol, DateOnly date, string? currency) => _securities.TryAdd(symbol, (date.DayNumber, currency));

    public void RecordKnown(string symbol, DateOnly date, bool known) => _known.TryAdd(symbol, (date.DayNumber, known));

    /// <summary>The first day on or before <paramref name="through"/> on which <paramref name="market"/> answers differently, or null.</summary>
    public DateOnly? FirstMismatch(MarketSnapshot market, string baseCurrency, DateOnly through)
    {
        var first = int.MaxValue;
        var last = through.DayNumber;
        foreach (var (currency, rates) in _rates)
        {
            foreach (var (day, recorded) in rates)
            {
                if (day > last || day >= first) break;
                var date = DateOnly.FromDayNumber(day);
                var rate = market.Fx.TryGetRate(currency, baseCurrency, date, out var found) && found > 0 ? found : 0m;
                // The same value with another scale would give other digits: compare both.
                if (rate != recorded || rate.Scale != recorded.Scale)
                {
                    first = day;
                    break;
                }
            }
        }
        foreach (var (symbol, (day, currency)) in _securities)
        {
            if (day <= last && day < first && !string.Equals(market.Find(symbol)?.Currency, currency, StringComparison.Ordinal)) first = day;
        }
        foreach (var (symbol, (day, known)) in _known)
        {
            if (day <= last && day < first && market.Securities.ContainsKey(symbol) != known) first = day;
        }
        return first == int.MaxValue ? null : DateOnly.FromDayNumber(first);
    }

    /// <summary>The currencies whose rates were read (a market must hold them to check these facts).</summary>
    public IEnumerable<string> Currencies => _rates.Keys;

    /// <summary>Writes every fact exactly (decimals with their scale), for <see cref="ReadFrom"/>.</summary>
    public void WriteTo(BinaryWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.Write(_rates.Count);
        foreach (var (currency, rates) in _rates)
        {
            writer.Write(currency);
            writer.Write(rates.Count);
            foreach (var (day, rate) in rates)
            {
                writer.Write(day);
                writer.Write(rate);
            }
        }
        writer.Write(_securities.Count);
        foreach (var (symbol, (day, currency)) in _securities)
        {
            writer.Write(symbol);
            writer.Write(day);
            writer.Write(currency ?? string.Empty);
        }
        writer.Write(_known.Count);
        foreach (var (symbol, (day, known)) in _known)
        {
            writer.Write(symbol);
            writer.Write(day);
            writer.Write(known);
        }
    }

    public static MarketFacts ReadFrom(BinaryReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var facts = new MarketFacts();
        for (var currencies = reader.ReadInt32(); currencies > 0; currencies--)
        {
            var currency = reader.ReadString();
            var rates = new List<(int Day, decimal Rate)>();
            for (var count = reader.ReadInt32(); count > 0; count--)
            {
                rates.Add((reader.ReadInt32(), reader.ReadDecimal()));
            }
            facts._rates[currency] = rates;
        }
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var symbol = reader.ReadString();
            var day = reader.ReadInt32();
            var currency = reader.ReadString();
            facts._securities[symbol] = (day, currency.Length == 0 ? null : currency);
        }
        for (var count = reader.ReadInt32(); count > 0; count--)
        {
            var symbol = reader.ReadString();
            facts._known[symbol] = (reader.ReadInt32(), reader.ReadBoolean());
        }
        return facts;
    }
}
