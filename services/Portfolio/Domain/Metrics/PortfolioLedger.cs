using System.Runtime.InteropServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// One portfolio's entries (or all of a user's) in processing order, with what every metrics
/// request would otherwise find by walking all of them: the symbols and currencies the entries
/// name, each with the date it first appears. Built once per ledger version
/// (<see cref="UserLedger.Of"/>), so a request takes the entries through its asOf and the names
/// that appear by then in time that grows with the number of names, not of entries.
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
        foreach (var entry in entries)
        {
            ref var seenValued = ref CollectionsMarshal.GetValueRefOrAddDefault(seenSymbols, entry.Symbol, out var seen);
            if (!seen) symbols.Add(new(entry.Symbol, entry.Date));
            if (!seenValued && IsValued(entry.Type))
            {
                seenValued = true;
                valued.Add(new(entry.Symbol, entry.Date));
            }
            if (!string.Equals(entry.Currency, lastCurrency, StringComparison.Ordinal))
            {
                lastCurrency = entry.Currency;
                if (seenCurrencies.Add(entry.Currency)) currencies.Add(new(entry.Currency, entry.Date));
            }
        }
        _symbols = [.. symbols];
        _valuedSymbols = [.. valued];
        _currencies = [.. currencies];
    }

    private readonly record struct FirstSeen(string Name, DateOnly Date);

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
