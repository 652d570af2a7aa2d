using System.Runtime.InteropServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// One portfolio's entries (or all of a user's) in processing order, with what every metrics
/// request would otherwise find by walking all of them: the symbols and currencies the entries
/// name, each with the date it first appears. Built once per ledger version
/// (<see cref="UserLedger.Of"/>), by walking the entries or, after a patch that only inserted
/// rows, from the held version's names (<see cref="WithInserted"/>), so a request takes the
/// entries through its asOf and the names that appear by then in time that grows with the number
/// of names, not of entries.
/// </summary>
public sealed class PortfolioLedger
{
    private readonly LedgerEntry[] _entries;
    private readonly FirstSeen[] _symbols;
    private readonly FirstSeen[] _valuedSymbols;
    private readonly FirstSeen[] _currencies;

    public PortfolioLedger(LedgerEntry[] entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _entries = entries;
        var symbols = new List<FirstSeen>();
        var valued = new List<FirstSeen>();
        var currencies = new List<FirstSeen>();
        // One lookup per entry for both symbol lists (the value: seen in a valued entry), and none for
        // a currency equal to the entry before's: this runs over every entry once per ledger version,
        // on the first request after each write (three set lookups per entry were ~11 ms at 100,000).
        var seenSymbols = new Dictionary<string, bool>(StringComparer.Ordinal);
        var seenCurrencies = new HashSet<string>(StringComparer.Ordinal);
        string? lastCurrency = null;
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            ref var seenValued = ref CollectionsMarshal.GetValueRefOrAddDefault(seenSymbols, entry.Symbol, out var seen);
            if (!seen) symbols.Add(new(entry.Symbol, entry.Date, i));
            if (!seenValued && IsValued(entry.Type))
            {
                seenValued = true;
                valued.Add(new(entry.Symbol, entry.Date, i));
            }
            if (!string.Equals(entry.Currency, lastCurrency, StringComparison.Ordinal))
            {
                lastCurrency = entry.Currency;
                if (seenCurrencies.Add(entry.Currency)) currencies.Add(new(entry.Currency, entry.Date, i));
            }
        }
        _symbols = [.. symbols];
        _valuedSymbols = [.. valued];
        _currencies = [.. currencies];
    }

    private PortfolioLedger(LedgerEntry[] entries, FirstSeen[] symbols, FirstSeen[] valuedSymbols, FirstSeen[] currencies)
    {
        _entries = entries;
        _symbols = symbols;
        _valuedSymbols = valuedSymbols;
        _currencies = currencies;
    }

    /// <summary>A name, the date it first appears and the index of the entry it first appears in.</summary>
    private readonly record struct FirstSeen(string Name, DateOnly Date, int Index);

    /// <summary>
    /// The ledger of <paramref name="entries"/>: these entries with rows inserted and none removed,
    /// added row k placed right before this ledger's entry <paramref name="insertedBefore"/>[k] (at
    /// the end: this ledger's length), in order. Its names are these with the inserted rows'
    /// merged in, without walking the entries: after one backdated write to a 100,000-entry
    /// ledger, walking them was ~9 ms of name lookups on the next request.
    /// </summary>
    internal PortfolioLedger WithInserted(LedgerEntry[] entries, ReadOnlySpan<int> insertedBefore)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Length != _entries.Length + insertedBefore.Length)
        {
            throw new ArgumentException("The entries must be this ledger's and the inserted rows.", nameof(entries));
        }
        return new PortfolioLedger(entries,
            Merged(_symbols, entries, insertedBefore, static e => e.Symbol),
            Merged(_valuedSymbols, entries, insertedBefore, static e => IsValued(e.Type) ? e.Symbol : null),
            Merged(_currencies, entries, insertedBefore, static e => e.Currency));
    }

    /// <summary>
    /// <paramref name="firsts"/> moved to the entries' new indexes, with each inserted row's name
    /// (null: none) where it appears earlier than before, in order of first appearance.
    /// </summary>
    private static FirstSeen[] Merged(FirstSeen[] firsts, LedgerEntry[] entries, ReadOnlySpan<int> insertedBefore, Func<LedgerEntry, string?> nameOf)
    {
        var merged = new Dictionary<string, FirstSeen>(firsts.Length + 4, StringComparer.Ordinal);
        foreach (var first in firsts)
        {
            // An old entry moves down by the rows inserted before it.
            merged[first.Name] = first with { Index = first.Index + InsertedThrough(insertedBefore, first.Index) };
        }
        for (var k = 0; k < insertedBefore.Length; k++)
        {
            var index = insertedBefore[k] + k; // after the old entries before it and the k rows inserted earlier
            var entry = entries[index];
            if (nameOf(entry) is not { } name) continue;
            if (!merged.TryGetValue(name, out var known) || index < known.Index) merged[name] = new FirstSeen(name, entry.Date, index);
        }
        var result = merged.Values.ToArray();
        Array.Sort(result, static (a, b) => a.Index.CompareTo(b.Index));
        return result;
    }

    /// <summary>How many rows were inserted before old entry <paramref name="index"/>: those placed before it or before an earlier one.</summary>
    private static int InsertedThrough(ReadOnlySpan<int> insertedBefore, int index)
    {
        int lo = 0, hi = insertedBefore.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (insertedBefore[mid] <= index) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /// <summary>Every entry, in processing order; the same array for every request on this ledger version.</summary>
    public LedgerEntry[] Entries => _entries;

    /// <summary>The entries dated on or before <paramref name="asOf"/> (they come first), without a copy.</summary>
    public IReadOnlyList<LedgerEntry> Through(DateOnly asOf)
    {
        var end = Ledger.CountOnOrBefore(_entries, asOf);
        return end == _entries.Length ? _entries : new ArraySegment<LedgerEntry>(_entries, 0, end);
    }

    /// <summary>The distinct symbols of the entries through <paramref name="asOf"/>, in order of first appearance.</summary>
    public IReadOnlyList<string> SymbolsThrough(DateOnly asOf) => Names(_symbols, asOf);

    /// <summary>
    /// The distinct symbols of the BUY, SELL, SPLIT and DIVIDEND entries through <paramref name="asOf"/>
    /// (the securities a valuation needs from the market), in order of first appearance.
    /// </summary>
    public IReadOnlyList<string> ValuedSymbolsThrough(DateOnly asOf) => Names(_valuedSymbols, asOf);

    /// <summary>The distinct currencies of the entries through <paramref name="asOf"/>, in order of first appearance.</summary>
    public IReadOnlyList<string> CurrenciesThrough(DateOnly asOf) => Names(_currencies, asOf);

    /// <summary>Whether an entry of <paramref name="type"/> names a security a valuation needs from the market.</summary>
    internal static bool IsValued(TransactionType type) =>
        type is TransactionType.Buy or TransactionType.Sell or TransactionType.Split or TransactionType.Dividend;

    private static string[] Names(FirstSeen[] firsts, DateOnly asOf)
    {
        // Entries are in date order, so first appearances are too: those by asOf are a prefix.
        var count = 0;
        while (count < firsts.Length && firsts[count].Date <= asOf) count++;
        var names = new string[count];
        for (var i = 0; i < count; i++) names[i] = firsts[i].Name;
        return names;
    }
}
