using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// The rebuild of a change that reached few symbols (a backdated buy, a deleted sale), from what
/// the held state already knows. <see cref="Book.Apply"/> lets an entry reach its own symbol's
/// position and nothing else of the positions; what it does to cash, the day's flows and the
/// account's fees is its <see cref="EntryEffect"/>, computed from the entry and the market alone.
/// So between the checkpoint before the change and a later held checkpoint:
/// <list type="bullet">
/// <item>the changed symbols' entries are applied again, on a book that holds only their positions;</item>
/// <item>every other entry (the same row, read from the same market) carries its held effect
///   through <see cref="Book.Carry"/>: the same operations on cash, flows and fees in the same order
///   as a full replay, without its FX lookups and position arithmetic;</item>
/// <item>the other positions' day changes and checkpoint figures are taken as held, renumbered
///   when a changed symbol now opens before them (valuation sums positions in opening order).</item>
/// </list>
/// Checkpoints stay on the held checkpoints' days; from the last of them the normal rebuild applies
/// every entry. A backdated buy at the start of a 100,000-entry history so applies that symbol's
/// entries instead of all of them.
/// </summary>
public sealed partial class LedgerState
{
    /// <summary>Where the splice ended: its last checkpoint, the market facts to continue recording into, the first deposit or withdrawal so far, and how many entries it carried.</summary>
    private sealed record Spliced(Checkpoint End, MarketFacts Facts, DateOnly? FirstExternalCashFlow, int Carried);

    /// <summary>
    /// Rebuilds from <paramref name="start"/> (the last checkpoint before the change, null: the
    /// beginning) to the last held checkpoint that neither the request's day nor a market change
    /// reaches, appending to the kept lists; null, with the lists as they were, when a splice does
    /// not apply or would not save work (then the normal rebuild applies every entry).
    /// </summary>
    private Spliced? Splice(
        Checkpoint? start, LedgerEntry[] entries, EntryEffects effects, MarketSnapshot market, DateOnly through, DateOnly? marketChangedOn,
        List<Checkpoint> checkpoints, List<DayRecord> days, List<PositionChange> changes, List<string> symbols, DateOnly? firstExternalCashFlow)
    {
        var startDay = start?.Day ?? int.MinValue;
        var lastDay = Math.Min(through.DayNumber, Through.DayNumber);
        if (marketChangedOn is { } changedOn) lastDay = Math.Min(lastDay, changedOn.DayNumber - 1);
        var end = _failsOn is null ? LastCheckpoint(lastDay) : null;
        if (end is null || end.Day <= startDay)
        {
            return null;
        }
        var startCount = start?.EntryCount ?? 0;
        var newEnd = Ledger.CountOnOrBefore(entries, DateOnly.FromDayNumber(end.Day));
        if (ChangedSymbols(startCount, end.EntryCount, entries, newEnd) is not { } changed)
        {
            return null;
        }
        var kept = (Checkpoints: checkpoints.Count, Days: days.Count, Changes: changes.Count, Symbols: symbols.Count);
        var walk = new SpliceWalk(this, start, changed, market, symbols, end.Day) { FirstExternalCashFlow = firstExternalCashFlow };
        if (walk.Run(entries, effects, startCount, newEnd, checkpoints, days, changes))
        {
            return new Spliced(checkpoints[^1], walk.Facts, walk.FirstExternalCashFlow, walk.Carried);
        }
        checkpoints.RemoveRange(kept.Checkpoints, checkpoints.Count - kept.Checkpoints);
        days.RemoveRange(kept.Days, days.Count - kept.Days);
        changes.RemoveRange(kept.Changes, changes.Count - kept.Changes);
        symbols.RemoveRange(kept.Symbols, symbols.Count - kept.Symbols);
        return null;
    }

    /// <summary>
    /// The symbols of the entries in one window and not the other (held entries [from, heldEnd),
    /// current ones [from, end)), by reference: a patched ledger keeps the unchanged rows' objects.
    /// Null when more than a quarter of the window changed (a ledger read afresh has no row in
    /// common): applying every entry is then as quick.
    /// </summary>
    private HashSet<string>? ChangedSymbols(int from, int heldEnd, LedgerEntry[] entries, int end)
    {
        var window = Math.Max(1, end - from);
        // The rows before and after the change are the same objects at the same distance from either end.
        var first = from;
        while (first < heldEnd && first < end && ReferenceEquals(_entries[first], entries[first])) first++;
        while (heldEnd > first && end > first && ReferenceEquals(_entries[heldEnd - 1], entries[end - 1]))
        {
            heldEnd--;
            end--;
        }
        var held = new HashSet<LedgerEntry>(heldEnd - first, ReferenceEqualityComparer.Instance);
        for (var i = first; i < heldEnd; i++) held.Add(_entries[i]);
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        var differing = 0;
        for (var i = first; i < end; i++)
        {
            if (!held.Remove(entries[i]))
            {
                symbols.Add(entries[i].Symbol);
                differing++;
            }
        }
        foreach (var removed in held) symbols.Add(removed.Symbol);
        differing += held.Count;
        return (long)differing * 4 > window ? null : symbols;
    }

    /// <summary>One splice: the book of the changed symbols and how positions map between the held and the new numbering.</summary>
    private sealed class SpliceWalk
    {
        private readonly LedgerState _held;
        private readonly HashSet<string> _changed;
        private readonly string? _onlyChanged; // the common case of one symbol, compared without hashing
        private readonly Book _book;
        private readonly List<string> _symbols; // the new opening order
        private readonly Dictionary<string, int> _opened = new(StringComparer.Ordinal);
        private readonly Dictionary<string, int> _heldIndex = new(StringComparer.Ordinal);
        private readonly List<int> _bookIndex = []; // per new position: its index in the book, -1 for a carried one
        private readonly List<int> _heldIndexOf = []; // per new position: its held index, -1 for a changed one
        private readonly int[] _newIndexOfHeld; // per held position: its new index, -1 for a changed or not yet opened one
        private readonly List<int> _bookToNew = [];
        private readonly int _lastDay;
        private int _unopened; // carried positions the held state opened after the start and this walk has not yet

        public SpliceWalk(LedgerState held, Checkpoint? start, HashSet<string> changed, MarketSnapshot market, List<string> symbols, int lastDay)
        {
            _held = held;
            _changed = changed;
            _onlyChanged = changed.Count == 1 ? changed.First() : null;
            _symbols = symbols;
            _lastDay = lastDay;
            Facts = held._facts.Through(lastDay, changed, start?.Day ?? int.MinValue);
            for (var i = 0; i < held._symbols.Length; i++) _heldIndex[held._symbols[i]] = i;
            _newIndexOfHeld = new int[held._symbols.Length];
            Array.Fill(_newIndexOfHeld, -1);
            var startPositions = start?.Book.Positions ?? [];
            var bookPositions = new List<PositionState>();
            for (var p = 0; p < startPositions.Length; p++)
            {
                // Positions opened before the start keep their numbers.
                var symbol = startPositions[p].Symbol;
                _opened[symbol] = p;
                if (IsChanged(symbol))
                {
                    _bookToNew.Add(p);
                    _bookIndex.Add(bookPositions.Count);
                    _heldIndexOf.Add(-1);
                    bookPositions.Add(startPositions[p]);
                }
                else
                {
                    _newIndexOfHeld[p] = p;
                    _bookIndex.Add(-1);
                    _heldIndexOf.Add(p);
                }
            }
            _unopened = held._symbols.Skip(startPositions.Length).Count(s => !IsChanged(s));
            var state = new BookState([.. bookPositions], start?.Book.Cash ?? 0m, start?.Book.AccountFees ?? 0m, start?.Book.Interest ?? 0m);
            _book = Book.Restore(state, market, held.BaseCurrency, tracksCash: true, Facts);
        }

        public MarketFacts Facts { get; }

        /// <summary>The first DEPOSIT or WITHDRAWAL: as known before the walk, else the first it passes.</summary>
        public DateOnly? FirstExternalCashFlow { get; set; }

        /// <summary>How many entries carried their held effect.</summary>
        public int Carried { get; private set; }

        /// <summary>
        /// Walks entries [<paramref name="from"/>, <paramref name="end"/>), appending days, changes and a
        /// checkpoint on every held checkpoint's day; false when a changed entry fails or a kept one is not
        /// where the held ledger has it (the normal rebuild then finds the same).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
        public bool Run(LedgerEntry[] entries, EntryEffects effects, int from, int end,
            List<Checkpoint> checkpoints, List<DayRecord> days, List<PositionChange> changes)
        {
            var held = _held;
            var heldNext = from; // the held ledger's next entry
            var heldDay = days.Count; // the held day records and checkpoints after the start
            var heldChange = changes.Count;
            var heldCheckpoint = checkpoints.Count;
            var dayChanges = new List<PositionChange>();
            var next = from;
            while (next < end)
            {
                var date = entries[next].Date;
                // A held checkpoint on a day that no longer has entries: the state at its end is this one.
                for (; heldCheckpoint < held._checkpoints.Length && held._checkpoints[heldCheckpoint].Day < date.DayNumber; heldCheckpoint++)
                {
                    checkpoints.Add(Merged(held._checkpoints[heldCheckpoint], next));
                }
                _book.BeginDay();
                for (; next < end && entries[next].Date == date; next++)
                {
                    if (!Step(entries[next], next, effects, ref heldNext))
                    {
                        return false;
                    }
                }

                // The day's position changes in position order: the changed symbols' from the book, the others' as held.
                dayChanges.Clear();
                foreach (var p in _book.TouchedToday)
                {
                    var position = _book.Positions[p];
                    dayChanges.Add(new PositionChange(_bookToNew[p], position.Quantity, position.LastTradePrice, position.TradeCurrency));
                }
                // Held days without entries now had only changed symbols' entries: nothing of theirs to keep.
                for (; heldDay < held._days.Count && held._days[heldDay].Day < date.DayNumber; heldDay++) heldChange = held._days[heldDay].ChangesEnd;
                if (heldDay < held._days.Count && held._days[heldDay].Day == date.DayNumber)
                {
                    for (; heldChange < held._days[heldDay].ChangesEnd; heldChange++)
                    {
                        var change = held._changes[heldChange];
                        var position = _newIndexOfHeld[change.Position];
                        if (position >= 0) dayChanges.Add(change with { Position = position });
                    }
                    heldDay++;
                }
                dayChanges.Sort(static (a, b) => a.Position.CompareTo(b.Position));
                changes.AddRange(dayChanges);
                days.Add(new DayRecord(date.DayNumber, _book.Cash, _book.Flows, changes.Count));
            }
            for (; heldCheckpoint < held._checkpoints.Length && held._checkpoints[heldCheckpoint].Day <= _lastDay; heldCheckpoint++)
            {
                checkpoints.Add(Merged(held._checkpoints[heldCheckpoint], end));
            }
            return true;
        }

        /// <summary>
        /// One entry: applied when its symbol changed, else its held effect carried (checked to be the
        /// held ledger's next kept row). False when it fails or overflows: a full replay would fail
        /// there too, and the normal rebuild records where.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
        private bool Step(LedgerEntry entry, int index, EntryEffects effects, ref int heldNext)
        {
            FirstExternalCashFlow = LedgerEntry.FirstExternalCashFlow(FirstExternalCashFlow, entry);
            try
            {
                if (IsChanged(entry.Symbol))
                {
                    _book.Apply(entry);
                    effects[index] = _book.LastEffect;
                    for (var p = _bookToNew.Count; p < _book.Positions.Count; p++)
                    {
                        _bookToNew.Add(_symbols.Count);
                        Open(_book.Positions[p].Symbol, bookIndex: p, heldIndex: -1);
                    }
                    return true;
                }
                var held = _held;
                while (heldNext < held._entries.Length && IsChanged(held._entries[heldNext].Symbol)) heldNext++;
                if (heldNext == held._entries.Length || !ReferenceEquals(held._entries[heldNext], entry))
                {
                    return false;
                }
                var effect = held._effects[heldNext++];
                effects[index] = effect;
                if (entry.Type is TransactionType.Deposit or TransactionType.Withdrawal or TransactionType.Interest)
                {
                    _book.Apply(entry); // reaches no position: applied as it was
                    return true;
                }
                _book.Carry(entry.Type, effect);
                Carried++;
                if (_unopened > 0 && Opens(entry.Type, effect) && !_opened.ContainsKey(entry.Symbol))
                {
                    if (!_heldIndex.TryGetValue(entry.Symbol, out var heldIndex)) return false;
                    _newIndexOfHeld[heldIndex] = _symbols.Count;
                    Open(entry.Symbol, bookIndex: -1, heldIndex);
                    _unopened--;
                }
                return true;
            }
            catch (Exception exception) when (exception is MetricsException or OverflowException)
            {
                return false;
            }
        }

        /// <summary>Whether a kept entry opens its position if it is not open yet (see <see cref="Book.Apply"/>).</summary>
        private static bool Opens(TransactionType type, EntryEffect effect) =>
            type is TransactionType.Buy or TransactionType.Dividend || (type is TransactionType.Fee or TransactionType.Tax && !effect.ToAccountFees);

        private bool IsChanged(string symbol) =>
            _onlyChanged is not null ? string.Equals(symbol, _onlyChanged, StringComparison.Ordinal) : _changed.Contains(symbol);

        private void Open(string symbol, int bookIndex, int heldIndex)
        {
            _opened[symbol] = _symbols.Count;
            _symbols.Add(symbol);
            _bookIndex.Add(bookIndex);
            _heldIndexOf.Add(heldIndex);
        }

        /// <summary>The checkpoint on <paramref name="held"/>'s day: the changed positions and the account from the book, the others as held.</summary>
        private Checkpoint Merged(Checkpoint held, int entryCount)
        {
            var positions = new PositionState[_symbols.Count];
            for (var p = 0; p < positions.Length; p++)
            {
                positions[p] = _bookIndex[p] >= 0
                    ? PositionState.Of(_book.Positions[_bookIndex[p]])
                    : held.Book.Positions[_heldIndexOf[p]];
            }
            return new Checkpoint(held.Day, entryCount, new BookState(positions, _book.Cash, _book.AccountFees, _book.Interest));
        }
    }
}
