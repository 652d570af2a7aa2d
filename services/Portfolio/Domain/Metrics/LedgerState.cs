using System.Runtime.InteropServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// One ledger (a user's, or one portfolio's) in one base currency, applied once and kept so a
/// metrics request does not replay it from the first transaction:
/// <list type="bullet">
/// <item>checkpoints of the <see cref="Book"/> (positions, cash, account fees, interest): a summary
///   as of any day restores the last checkpoint on or before it and applies only the entries after it;</item>
/// <item>for every day with entries, the cash, both cash models' flows and the quantity, last trade
///   price and currency of each position the day touched: the daily series values these with the
///   request's closes and FX, day by day, without applying a transaction.</item>
/// </list>
/// Both give exactly the figures of a full replay (<see cref="PortfolioCalculator"/>,
/// <see cref="PerformanceCalculator"/>): the same <see cref="Book"/> code produces every stored
/// figure, in the same order, and the market facts it read are checked against each request's
/// market (<see cref="MarketFacts"/>). Immutable: <see cref="Current"/> returns a new state that
/// keeps everything dated before the first change and recomputes from there.
/// </summary>
public sealed partial class LedgerState
{
    /// <summary>
    /// A checkpoint is taken at the end of a day once at least this many entries (and at least as
    /// many as there are positions) were applied since the last one. A summary then applies at most
    /// about that many entries beyond one day's, and restoring a checkpoint (one copy per position)
    /// never costs more than the entries it saves; memory stays below one position copy per entry.
    /// </summary>
    internal const int CheckpointSpacing = 256;

    private readonly LedgerEntry[] _entries;
    private readonly EntryEffects _effects; // per entry applied, what it did outside its position
    private readonly Checkpoint[] _checkpoints;
    // Lists, never changed once the state is built: kept as the rebuild filled them, since copying
    // them to arrays of the exact size was megabytes more on the large object heap per rebuild.
    private readonly List<DayRecord> _days;
    private readonly List<PositionChange> _changes;
    private readonly string[] _symbols; // positions in the order the book opened them
    private readonly MarketFacts _facts;
    private readonly DateOnly? _firstExternalCashFlow; // the first DEPOSIT or WITHDRAWAL of the entries applied
    private readonly DateOnly? _failsOn; // the day an entry could not be applied; nothing after it is held

    private LedgerState(
        string baseCurrency, LedgerEntry[] entries, EntryEffects effects, DateOnly through, Checkpoint[] checkpoints, List<DayRecord> days,
        List<PositionChange> changes, string[] symbols, MarketFacts facts, DateOnly? failsOn, DateOnly? firstExternalCashFlow)
    {
        BaseCurrency = baseCurrency;
        _entries = entries;
        _effects = effects;
        Through = through;
        _checkpoints = checkpoints;
        _days = days;
        _changes = changes;
        _symbols = symbols;
        _facts = facts;
        _failsOn = failsOn;
        _firstExternalCashFlow = firstExternalCashFlow;
    }

    private sealed record Checkpoint(int Day, int EntryCount, BookState Book);

    private readonly record struct DayRecord(int Day, decimal Cash, DayFlows Flows, int ChangesEnd);

    private readonly record struct PositionChange(int Position, decimal Quantity, decimal LastTradePrice, string TradeCurrency);

    public string BaseCurrency { get; }

    /// <summary>Entries dated up to this day are reflected.</summary>
    public DateOnly Through { get; }

    /// <summary>The entries the state was built from, in processing order.</summary>
    public IReadOnlyList<LedgerEntry> Entries => _entries;

    internal int CheckpointCount => _checkpoints.Length;

    /// <summary>How many entries the rebuild that made this state carried instead of applying (<see cref="Splice"/>).</summary>
    internal int CarriedEntries { get; private init; }

    /// <summary>The stored book of checkpoint <paramref name="index"/> (tests check which survive a change).</summary>
    internal object CheckpointAt(int index) => _checkpoints[index].Book;

    /// <summary>
    /// Roughly the bytes held beyond the entries themselves (shared with the ledger held for the
    /// user): checkpoints, day records, position changes and market facts.
    /// </summary>
    public long ApproximateBytes =>
        _checkpoints.Sum(c => 64L + 24 + c.Book.Positions.Length * 120L) + _effects.ApproximateBytes + _days.Capacity * 112L + _changes.Capacity * 48L + _facts.Count * 48L;

    /// <summary>
    /// Up to <paramref name="max"/> of the checkpoints in durable form, spread evenly over the
    /// history, the last always among them: a cold start restores the last one on or before its asOf.
    /// </summary>
    public IReadOnlyList<StoredCheckpoint> Durable(int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        var count = Math.Min(max, _checkpoints.Length);
        var durable = new List<StoredCheckpoint>(count);
        // Checkpoints come in ledger order: one pass over the entries gives each its traded symbols.
        // Scanning the entries again for every checkpoint cost 16 scans of a 100,000-entry ledger,
        // ~77 ms of CPU after every recomputation, beside the requests that followed.
        var traded = new StoredCheckpoint.TradedSymbolsScan();
        for (var k = 1; k <= count; k++)
        {
            var checkpoint = _checkpoints[(int)((long)_checkpoints.Length * k / count) - 1];
            traded.Through(_entries, checkpoint.EntryCount);
            durable.Add(StoredCheckpoint.Of(
                DateOnly.FromDayNumber(checkpoint.Day), checkpoint.EntryCount, _entries, _firstExternalCashFlow, checkpoint.Book, traded.Sorted(), _facts));
        }
        return durable;
    }

    /// <summary>The day of the last checkpoint, if any (what a durable copy would end with).</summary>
    public DateOnly? LastCheckpointDay => _checkpoints.Length == 0 ? null : DateOnly.FromDayNumber(_checkpoints[^1].Day);

    /// <summary>See <see cref="Ledger.TracksCash"/>.</summary>
    public bool TracksCash(DateOnly asOf) => _firstExternalCashFlow is { } first && first <= asOf;

    /// <summary>Applies <paramref name="entries"/> (sorted in processing order) through <paramref name="through"/>.</summary>
    public static LedgerState Build(LedgerEntry[] entries, MarketSnapshot market, string baseCurrency, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseCurrency);
        return Continue(baseCurrency, entries, new EntryEffects(entries.Length), market, through, [], [], [], [], new MarketFacts(), null, null);
    }

    /// <summary>
    /// This state, or a new one, that holds <paramref name="entries"/> through at least
    /// <paramref name="asOf"/> as <paramref name="market"/> values them. Recomputes from the
    /// earliest of: the first entry that differs from the held ones, the first day whose market
    /// facts differ, the day after <see cref="Through"/> (when asOf is later); everything before
    /// it is kept. A backdated entry five years ago rebuilds five years, today's rebuilds a day.
    /// </summary>
    /// <param name="changedFrom">
    /// The earliest date on which <paramref name="entries"/> may differ from the held ones, when the
    /// caller knows it (<see cref="DateOnly.MaxValue"/>: they are the same); null: found by comparing them.
    /// </param>
    public LedgerState Current(LedgerEntry[] entries, MarketSnapshot market, DateOnly asOf, DateOnly? changedFrom = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(market);
        var from = ReferenceEquals(entries, _entries) || changedFrom == DateOnly.MaxValue ? null
            : changedFrom ?? FirstDifference(_entries, entries, Through);
        // Past a failing entry every later day fails the same way: nothing to extend.
        if (Through < asOf && _failsOn is null) from = Earliest(from, Through.AddDays(1));
        var marketChangedOn = _facts.FirstMismatch(market, BaseCurrency, asOf < Through ? asOf : Through);
        from = Earliest(from, marketChangedOn);
        if (from is null)
        {
            return ReferenceEquals(entries, _entries)
                ? this
                : new LedgerState(BaseCurrency, entries, _effects, Through, _checkpoints, _days, _changes, _symbols, _facts, _failsOn,
                    _firstExternalCashFlow);
        }
        return RebuildFrom(from.Value, entries, market, asOf, marketChangedOn);
    }

    /// <summary>The summary as of <paramref name="asOf"/> (on or before <see cref="Through"/>), equal to <see cref="PortfolioCalculator.Summarize(Ledger, MarketSnapshot, string, DateOnly)"/>.</summary>
    public SummaryFigures Summarize(MarketSnapshot market, DateOnly asOf)
    {
        RequireHeld(asOf);
        return PortfolioCalculator.Summarize(BookAt(market, asOf), asOf);
    }

    /// <summary>The daily series through <paramref name="asOf"/> (on or before <see cref="Through"/>), equal to <see cref="PerformanceCalculator.DailySeries"/>.</summary>
    public IReadOnlyList<DailyValue> DailySeries(MarketSnapshot market, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(market);
        RequireHeld(asOf);
        var count = Ledger.CountOnOrBefore(_entries, asOf);
        if (count == 0)
        {
            return [];
        }
        var tracksCash = TracksCash(asOf);
        var first = _entries[0].Date;
        var series = new DailyValue[asOf.DayNumber - first.DayNumber + 1];
        var book = new Book(market, BaseCurrency, tracksCash);
        var valuation = new DayByDayValuation(book); // the book's TotalValue, reusing what a day did not change
        var positions = new List<RunningPosition>(_symbols.Length);
        var record = 0;
        var change = 0;
        for (var day = 0; day < series.Length; day++)
        {
            var date = first.AddDays(day);
            if (date == _failsOn)
            {
                BookAt(market, date); // applies the failing entry: the same exception as a full replay
                throw new InvalidOperationException($"The entry that failed on {date:yyyy-MM-dd} applied on replay.");
            }
            var flows = default(DayFlows);
            if (record < _days.Count && _days[record].Day == date.DayNumber)
            {
                var held = _days[record++];
                book.Cash = held.Cash;
                flows = held.Flows;
                for (; change < held.ChangesEnd; change++)
                {
                    var changed = _changes[change];
                    while (positions.Count <= changed.Position)
                    {
                        positions.Add(book.AddPosition(_symbols[positions.Count], changed.TradeCurrency));
                    }
                    var position = positions[changed.Position];
                    position.Quantity = changed.Quantity;
                    position.LastTradePrice = changed.LastTradePrice;
                    position.TradeCurrency = changed.TradeCurrency;
                }
            }
            series[day] = flows.Value(date, valuation.TotalValue(date), tracksCash);
        }
        return series;
    }

    /// <summary>
    /// The earliest date on or before <paramref name="through"/> on which <paramref name="current"/>
    /// differs from <paramref name="held"/> (an entry added, removed or changed), or null.
    /// </summary>
    public static DateOnly? FirstDifference(IReadOnlyList<LedgerEntry> held, IReadOnlyList<LedgerEntry> current, DateOnly through)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(current);
        for (var i = 0; ; i++)
        {
            var old = i < held.Count && held[i].Date <= through ? held[i] : null;
            var now = i < current.Count && current[i].Date <= through ? current[i] : null;
            if (old is null && now is null) return null;
            if (old is null) return now!.Date;
            if (now is null) return old.Date;
            if (!Same(old, now)) return old.Date < now.Date ? old.Date : now.Date;
        }
    }

    /// <summary>Equal to the last digit: decimal equality ignores the scale, the figures do not.</summary>
    private static bool Same(LedgerEntry a, LedgerEntry b) =>
        ReferenceEquals(a, b) || (a == b && a.Quantity.Scale == b.Quantity.Scale && a.Price.Scale == b.Price.Scale
            && a.Commission.Scale == b.Commission.Scale);

    private static DateOnly? Earliest(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    private void RequireHeld(DateOnly asOf)
    {
        if (asOf > Through && _failsOn is null)
        {
            throw new ArgumentOutOfRangeException(nameof(asOf), $"The state holds entries through {Through:yyyy-MM-dd} only; call Current first.");
        }
    }

    /// <summary>The book after every entry dated on or before <paramref name="asOf"/>: the last checkpoint, then the rest.</summary>
    private Book BookAt(MarketSnapshot market, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(market);
        var checkpoint = LastCheckpoint(asOf.DayNumber);
        var tracksCash = TracksCash(asOf);
        var book = checkpoint is null
            ? new Book(market, BaseCurrency, tracksCash)
            : Book.Restore(checkpoint.Book, market, BaseCurrency, tracksCash);
        var count = Ledger.CountOnOrBefore(_entries, asOf);
        for (var i = checkpoint?.EntryCount ?? 0; i < count; i++)
        {
            book.Apply(_entries[i]);
        }
        return book;
    }

    private Checkpoint? LastCheckpoint(int onOrBefore)
    {
        int lo = 0, hi = _checkpoints.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (_checkpoints[mid].Day <= onOrBefore) lo = mid + 1;
            else hi = mid;
        }
        return lo == 0 ? null : _checkpoints[lo - 1];
    }

    /// <summary>
    /// Keeps what is dated before <paramref name="from"/> (up to the last checkpoint before it) and
    /// applies the rest through <paramref name="through"/>: where the change reached few symbols,
    /// only their entries up to a later held checkpoint (<see cref="Splice"/>), then every entry.
    /// </summary>
    private LedgerState RebuildFrom(DateOnly from, LedgerEntry[] entries, MarketSnapshot market, DateOnly through, DateOnly? marketChangedOn)
    {
        var keepBefore = Math.Min(from.DayNumber, through.DayNumber + 1);
        var checkpoint = LastCheckpoint(keepBefore - 1);
        var lastDay = checkpoint?.Day ?? int.MinValue;
        // Sized for about as many records as this state holds (a rebuild of a change writes about as
        // many again) and room for what it adds: a record per inserted entry, and those of the entries
        // after the last checkpoint, which the splice leaves to the replay (Continue). Growing, by
        // doubling or exactly, would copy megabytes of position changes once more per rebuild.
        var checkpoints = new List<Checkpoint>(_checkpoints.Length + 8);
        checkpoints.AddRange(_checkpoints.TakeWhile(c => c.Day <= lastDay));
        var headroom = 2 * Math.Max(CheckpointSpacing, _symbols.Length) + Math.Max(0, entries.Length - _entries.Length);
        var days = new List<DayRecord>(_days.Count + headroom);
        days.AddRange(_days.TakeWhile(d => d.Day <= lastDay));
        var changes = new List<PositionChange>(_changes.Count + headroom);
        changes.AddRange(CollectionsMarshal.AsSpan(_changes)[..(days.Count == 0 ? 0 : days[^1].ChangesEnd)]);
        var symbols = _symbols.Take(checkpoint?.Book.Positions.Length ?? 0).ToList();
        var effects = new EntryEffects(entries.Length);
        effects.CopyFrom(_effects, checkpoint?.EntryCount ?? 0); // the same entries before the checkpoint
        // The entries before the change are the held ones: a first deposit among them stands, else the rebuild finds it.
        var firstExternalCashFlow = _firstExternalCashFlow < from ? _firstExternalCashFlow : null;
        if (Splice(checkpoint, entries, effects, market, through, marketChangedOn, checkpoints, days, changes, symbols, firstExternalCashFlow) is { } spliced)
        {
            return Continue(BaseCurrency, entries, effects, market, through, checkpoints, days, changes, symbols, spliced.Facts, spliced.End,
                spliced.FirstExternalCashFlow, spliced.Carried);
        }
        var facts = checkpoint is null ? new MarketFacts() : _facts.Through(lastDay);
        return Continue(BaseCurrency, entries, effects, market, through, checkpoints, days, changes, symbols, facts, checkpoint, firstExternalCashFlow);
    }

    private static LedgerState Continue(
        string baseCurrency, LedgerEntry[] entries, EntryEffects effects, MarketSnapshot market, DateOnly through, List<Checkpoint> checkpoints,
        List<DayRecord> days, List<PositionChange> changes, List<string> symbols, MarketFacts facts, Checkpoint? start,
        DateOnly? firstExternalCashFlow, int carried = 0)
    {
        // The cash model only decides which flows a day reports; both are kept (DayFlows).
        var book = start is null
            ? new Book(market, baseCurrency, tracksCash: true, facts)
            : Book.Restore(start.Book, market, baseCurrency, tracksCash: true, facts);
        DateOnly? failsOn = null;
        var sinceCheckpoint = 0;
        var next = start?.EntryCount ?? 0;
        // At most one day record per calendar day and one position change per entry still to apply
        // (those dated through `through`): sized once, instead of growing by doubling (each growth
        // copied every record so far), and not for entries after `through` that a state as of an earlier day skips.
        var toApply = Math.Max(0, Ledger.CountOnOrBefore(entries, through) - next);
        var calendarDays = next < entries.Length ? Math.Max(0, through.DayNumber - entries[next].Date.DayNumber + 1) : 0;
        GrowTo(days, days.Count + Math.Min(toApply, calendarDays));
        GrowTo(changes, changes.Count + toApply);
        while (next < entries.Length && entries[next].Date <= through)
        {
            var date = entries[next].Date;
            var dayStart = next;
            book.BeginDay();
            try
            {
                for (; next < entries.Length && entries[next].Date == date; next++)
                {
                    firstExternalCashFlow = LedgerEntry.FirstExternalCashFlow(firstExternalCashFlow, entries[next]);
                    book.Apply(entries[next]);
                    effects[next] = book.LastEffect;
                }
            }
            catch (MetricsException)
            {
                failsOn = date; // a request through this day replays it and gets the same error
                break;
            }
            for (var p = symbols.Count; p < book.Positions.Count; p++)
            {
                symbols.Add(book.Positions[p].Symbol);
            }
            // The book names the positions the day's entries reached as it applies them: looking each
            // entry's symbol up again here was a second hash per entry of every rebuild.
            var touched = book.TouchedToday;
            touched.Sort(); // a day's changes in position order: valuation creates positions in that order
            foreach (var p in touched)
            {
                var position = book.Positions[p];
                changes.Add(new PositionChange(p, position.Quantity, position.LastTradePrice, position.TradeCurrency));
            }
            days.Add(new DayRecord(date.DayNumber, book.Cash, book.Flows, changes.Count));
            sinceCheckpoint += next - dayStart;
            if (sinceCheckpoint >= Math.Max(CheckpointSpacing, book.Positions.Count))
            {
                checkpoints.Add(new Checkpoint(date.DayNumber, next, book.Capture()));
                sinceCheckpoint = 0;
            }
        }
        Trim(days);
        Trim(changes);
        return new LedgerState(baseCurrency, entries, effects, through, [.. checkpoints], days, changes, [.. symbols], facts, failsOn,
            firstExternalCashFlow)
        {
            CarriedEntries = carried,
        };
    }

    /// <summary>
    /// Gives back the room sized for one record per entry when far fewer were written (a first build
    /// of a ledger whose days touch few positions): the state is held for as long as the user is
    /// active. The little a rebuild leaves over stays, rather than copying every record again.
    /// </summary>
    private static void Trim<T>(List<T> list)
    {
        if (list.Capacity - list.Count > 2 * CheckpointSpacing + list.Count / 8) list.Capacity = list.Count;
    }

    /// <summary>Makes room for <paramref name="capacity"/> records: exactly, where the list's own growth would double it.</summary>
    private static void GrowTo<T>(List<T> list, int capacity)
    {
        if (list.Capacity < capacity) list.Capacity = capacity;
    }
}
