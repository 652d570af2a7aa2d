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
    // Keyed by portfolio id, Guid.Empty for all of them (no portfolio has the empty id).
    private readonly ConcurrentDictionary<Guid, Lazy<PortfolioLedger>> _portfolioLedgers = new();

    public UserLedger(long version, LedgerEntry[] entries, Guid[] portfolios)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(portfolios);
        if (entries.Length != portfolios.Length)
        {
            throw new ArgumentException("Every entry needs its portfolio.", nameof(portfolios));
        }
        Version = version;
        ReadAtVersion = version;
        _entries = entries;
        _portfolios = portfolios;
    }

    /// <summary>The same entries, to annotate with what changed (<see cref="PreviousVersion"/>, <see cref="ChangedFrom"/>).</summary>
    public UserLedger(UserLedger source)
        : this((source ?? throw new ArgumentNullException(nameof(source))).Version, source._entries, source._portfolios) =>
        ReadAtVersion = source.ReadAtVersion;

    public long Version { get; }

    /// <summary>The counter as of the rows themselves (a write may commit between the version check and the read).</summary>
    public long ReadAtVersion { get; init; }

    /// <summary>The version held before this one, when <see cref="ChangedFrom"/> is known relative to it.</summary>
    public long? PreviousVersion { get; init; }

    /// <summary>Entries dated before this day are those of <see cref="PreviousVersion"/>.</summary>
    public DateOnly? ChangedFrom { get; init; }

    public int Count => _entries.Length;

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
}
