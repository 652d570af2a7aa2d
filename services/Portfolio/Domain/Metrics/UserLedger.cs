using System.Collections.Concurrent;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// All of one user's transactions in processing order, with the portfolio of each, as read at
/// <see cref="Version"/> of the database's ledger counter (<c>public.ledger_version()</c>).
/// Immutable, so one copy can serve concurrent requests for any portfolio and any date.
/// </summary>
public sealed class UserLedger
{
    private readonly LedgerEntry[] _entries;
    private readonly Guid[] _portfolios;
    private readonly DateTime[] _recordedAt; // created_at: breaks ties of the processing order (LedgerSql.ProcessingOrder)
    // Keyed by portfolio id, Guid.Empty for all of them (no portfolio has the empty id).
    private readonly ConcurrentDictionary<Guid, Lazy<PortfolioLedger>> _portfolioLedgers = new();

    /// <param name="recordedAt">Each entry's <c>created_at</c>, which orders a day's entries of one rank.</param>
    public UserLedger(long version, LedgerEntry[] entries, Guid[] portfolios, DateTime[] recordedAt)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(portfolios);
        ArgumentNullException.ThrowIfNull(recordedAt);
        if (entries.Length != portfolios.Length || entries.Length != recordedAt.Length)
        {
            throw new ArgumentException("Every entry needs its portfolio and its recording time.", nameof(portfolios));
        }
        Version = version;
        ReadAtVersion = version;
        _entries = entries;
        _portfolios = portfolios;
        _recordedAt = recordedAt;
    }

    /// <summary>The same entries, to annotate with what changed (<see cref="PreviousVersion"/>, <see cref="ChangedFrom"/>).</summary>
    public UserLedger(UserLedger source)
        : this((source ?? throw new ArgumentNullException(nameof(source))).Version, source._entries, source._portfolios, source._recordedAt) =>
        ReadAtVersion = source.ReadAtVersion;

    /// <summary>One stored transaction as read: the entry, its portfolio and when it was recorded.</summary>
    public readonly record struct Row(LedgerEntry Entry, Guid PortfolioId, DateTime RecordedAt);

    public long Version { get; }

    /// <summary>The counter as of the rows themselves (a write may commit between the version check and the read).</summary>
    public long ReadAtVersion { get; init; }

    /// <summary>The version held before this one, when <see cref="ChangedFrom"/> is known relative to it.</summary>
    public long? PreviousVersion { get; init; }

    /// <summary>Entries dated before this day are those of <see cref="PreviousVersion"/>.</summary>
    public DateOnly? ChangedFrom { get; init; }

    public int Count => _entries.Length;

    /// <summary>Every entry with its portfolio, in processing order.</summary>
    public IEnumerable<(Guid PortfolioId, LedgerEntry Entry)> WithPortfolios()
    {
        for (var i = 0; i < _entries.Length; i++)
        {
            yield return (_portfolios[i], _entries[i]);
        }
    }

    /// <summary>
    /// One portfolio's entries (or all, <paramref name="portfolioId"/> null) with the names they use,
    /// built on first use and kept with this ledger: every request on this version shares them.
    /// </summary>
    public PortfolioLedger Of(Guid? portfolioId) =>
        _portfolioLedgers.GetOrAdd(portfolioId ?? Guid.Empty,
            static (id, self) => new Lazy<PortfolioLedger>(() => new PortfolioLedger(self.Select(id))), this).Value;

    /// <summary>Every entry of one portfolio (or all, then the held array itself), in processing order; the same array on every call.</summary>
    public LedgerEntry[] All(Guid? portfolioId) => Of(portfolioId).Entries;

    /// <summary>The entries of one portfolio (or all) dated on or before <paramref name="asOf"/>, still in processing order.</summary>
    public IReadOnlyList<LedgerEntry> For(Guid? portfolioId, DateOnly asOf) => Of(portfolioId).Through(asOf);

    private LedgerEntry[] Select(Guid portfolioId)
    {
        if (portfolioId == Guid.Empty)
        {
            return _entries;
        }
        var selected = new List<LedgerEntry>();
        for (var i = 0; i < _entries.Length; i++)
        {
            if (_portfolios[i] == portfolioId) selected.Add(_entries[i]);
        }
        return [.. selected];
    }

    /// <summary>
    /// This ledger with the transactions <paramref name="changedIds"/> replaced by their current
    /// <paramref name="rows"/> (an id without a row was deleted), in the processing order a full
    /// read gives, as read at <paramref name="version"/>. Replacing by id is idempotent, so
    /// changes this copy already holds (rows read after its version check) do no harm.
    /// <see cref="ChangedFrom"/> is the earliest date of a removed or added entry, relative to this
    /// ledger's <see cref="Version"/>.
    /// </summary>
    public UserLedger Patch(long version, IReadOnlyCollection<Guid> changedIds, IReadOnlyList<Row> rows)
    {
        ArgumentNullException.ThrowIfNull(changedIds);
        ArgumentNullException.ThrowIfNull(rows);
        var changed = changedIds as IReadOnlySet<Guid> ?? new HashSet<Guid>(changedIds);
        var added = rows.Where(r => changed.Contains(r.Entry.Id)).ToList();
        added.Sort(CompareOrder);
        var changedFrom = DateOnly.MaxValue;
        foreach (var row in added)
        {
            if (row.Entry.Date < changedFrom) changedFrom = row.Entry.Date;
        }
        // Filled in place (lists copied into arrays were 3 MB more per write to a 100,000-row ledger);
        // cut to size only when rows were replaced or removed.
        var capacity = _entries.Length + added.Count;
        var entries = new LedgerEntry[capacity];
        var portfolios = new Guid[capacity];
        var recordedAt = new DateTime[capacity];
        var count = 0;
        var next = 0;
        var insertedBefore = new int[added.Count]; // per added row, the held entry it is placed before
        for (var i = 0; i <= _entries.Length; i++)
        {
            var kept = i < _entries.Length ? new Row(_entries[i], _portfolios[i], _recordedAt[i]) : default;
            if (i < _entries.Length && changed.Contains(kept.Entry.Id))
            {
                if (kept.Entry.Date < changedFrom) changedFrom = kept.Entry.Date;
                continue;
            }
            // Merge: every added row that comes before the kept one (all that remain at the end).
            for (; next < added.Count && (i == _entries.Length || CompareOrder(added[next], kept) < 0); next++)
            {
                (entries[count], portfolios[count], recordedAt[count]) = (added[next].Entry, added[next].PortfolioId, added[next].RecordedAt);
                insertedBefore[next] = i;
                count++;
            }
            if (i < _entries.Length)
            {
                (entries[count], portfolios[count], recordedAt[count]) = (kept.Entry, kept.PortfolioId, kept.RecordedAt);
                count++;
            }
        }
        if (count < capacity)
        {
            Array.Resize(ref entries, count);
            Array.Resize(ref portfolios, count);
            Array.Resize(ref recordedAt, count);
        }
        var patched = new UserLedger(version, entries, portfolios, recordedAt)
        {
            PreviousVersion = Version,
            ChangedFrom = changedFrom,
        };
        // Rows only inserted (none replaced or removed): the names of all entries follow from the held ones.
        if (count == capacity && _portfolioLedgers.TryGetValue(Guid.Empty, out var all) && all.IsValueCreated)
        {
            var held = all.Value;
            patched._portfolioLedgers[Guid.Empty] = new Lazy<PortfolioLedger>(() => held.WithInserted(entries, insertedBefore));
        }
        return patched;
    }

    /// <summary>
    /// <c>LedgerSql.ProcessingOrder</c>: date, rank of the type (<see cref="Holdings.LedgerOrder"/>),
    /// created_at, id. <see cref="Guid.CompareTo(Guid)"/> orders as PostgreSQL orders uuids (byte by
    /// byte of the text form).
    /// </summary>
    private static int CompareOrder(Row a, Row b)
    {
        var order = a.Entry.Date.CompareTo(b.Entry.Date);
        if (order == 0) order = Holdings.LedgerOrder.Rank(a.Entry.Type).CompareTo(Holdings.LedgerOrder.Rank(b.Entry.Type));
        if (order == 0) order = a.RecordedAt.CompareTo(b.RecordedAt);
        return order != 0 ? order : a.Entry.Id.CompareTo(b.Entry.Id);
    }
}
