using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Closes, FX series and master data as fetched from MarketData, kept in process memory for
/// every user's next calculation (market data is public: any authenticated caller may read
/// it, so a copy fetched with one caller's token may serve another). Each series remembers
/// the date range it was fetched for and answers only requests inside that range; a request
/// reaching further asks MarketData only for the days outside it (<see cref="TryGetHeldCloses"/>)
/// and the series is extended in place of the old one. A close stored for a day the series
/// covers retires the series from that day (<see cref="ForgetCloses(string, DateOnly)"/>, from
/// MarketData's publications); everything is re-read after <see cref="InMemoryOptions.MarketLifetime"/>,
/// counted from the first fetch, however often the series was extended since.
/// </summary>
public sealed class MarketSeriesCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly TimeSpan _lifetime;
    // How often each symbol's closes were retired. A fetch that began before a retirement
    // must not store what it read: the new closes may have been committed after its read.
    private readonly Dictionary<string, long> _retirements = new(StringComparer.Ordinal);
    private readonly Lock _retiring = new();

    public MarketSeriesCache(IOptions<InMemoryOptions> options)
    {
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.MarketPoints });
        _lifetime = options.Value.MarketLifetime;
    }

    /// <summary>What the engine needs of a stock's master data.</summary>
    public sealed record StockFacts(string Currency, string? Sector);

    /// <summary>A series and the days it was fetched for: closes from <see cref="From"/> (with the last earlier one) through <see cref="To"/>.</summary>
    public sealed record HeldSeries(ClosePriceSeries Series, DateOnly From, DateOnly To, DateTimeOffset Expires)
    {
        public bool Covers(DateOnly from, DateOnly to) => From <= from && to <= To;
    }

    private readonly record struct StockKey(string Symbol);

    private readonly record struct ClosesKey(string Symbol);

    private readonly record struct FxKey(string From, string To);

    // Held in place of the facts of a symbol MarketData does not list.
    private static readonly StockFacts NotListed = new("", null);

    /// <summary>
    /// True when <paramref name="symbol"/>'s master data is held: its facts, or null when MarketData
    /// answered that it does not list the symbol (a risk benchmark nobody imported, say).
    /// </summary>
    public bool TryGetStock(string symbol, out StockFacts? facts)
    {
        var held = _entries.TryGetValue(new StockKey(symbol), out facts);
        if (ReferenceEquals(facts, NotListed)) facts = null;
        return held;
    }

    public void SetStock(string symbol, StockFacts facts) => Store(new StockKey(symbol), facts, size: 1);

    /// <summary>
    /// Remembers that MarketData does not list <paramref name="symbol"/>, for the same lifetime as
    /// listed ones (master data is re-read at that age), so each request does not ask again;
    /// closes stored for the symbol forget it at once (<see cref="ForgetCloses(string)"/>).
    /// </summary>
    public void SetNotListed(string symbol) => Store(new StockKey(symbol), NotListed, size: 1);

    /// <summary>Closes of <paramref name="symbol"/> from the last close before <paramref name="from"/> through <paramref name="to"/>, if held.</summary>
    public bool TryGetCloses(string symbol, DateOnly from, DateOnly to, out ClosePriceSeries closes) =>
        TryGetCovered(new ClosesKey(symbol), from, to, out closes);

    /// <summary>Take it before fetching closes, and hand it to <see cref="SetCloses"/>.</summary>
    public long ClosesGeneration(string symbol)
    {
        lock (_retiring)
        {
            return _retirements.GetValueOrDefault(symbol);
        }
    }

    /// <summary>Keeps closes fetched at <paramref name="generation"/>, unless new closes were announced since.</summary>
    public void SetCloses(string symbol, DateOnly from, DateOnly to, ClosePriceSeries closes, long generation) =>
        SetCloses(symbol, new HeldSeries(closes, from, to, Fresh()), generation);

    /// <summary>
    /// Keeps a series fetched or extended at <paramref name="generation"/>, unless new closes were
    /// announced since; an extended series keeps the expiry of the one it extends.
    /// </summary>
    public void SetCloses(string symbol, HeldSeries held, long generation)
    {
        ArgumentNullException.ThrowIfNull(held);
        lock (_retiring)
        {
            if (_retirements.GetValueOrDefault(symbol) == generation)
            {
                Store(new ClosesKey(symbol), held);
            }
        }
    }

    /// <summary>Whatever is held of <paramref name="symbol"/>'s closes, whichever days it covers.</summary>
    public bool TryGetHeldCloses(string symbol, [NotNullWhen(true)] out HeldSeries? held) =>
        _entries.TryGetValue(new ClosesKey(symbol), out held) && held is not null;

    /// <summary>Whatever is held of a pair's rates, whichever days it covers.</summary>
    public bool TryGetHeldFx(string fromCurrency, string toCurrency, [NotNullWhen(true)] out HeldSeries? held) =>
        _entries.TryGetValue(new FxKey(fromCurrency, toCurrency), out held) && held is not null;

    /// <summary>A new expiry for a series fetched now.</summary>
    public DateTimeOffset Fresh() => DateTimeOffset.UtcNow + _lifetime;

    public bool TryGetFx(string fromCurrency, string toCurrency, DateOnly from, DateOnly to, out ClosePriceSeries rates) =>
        TryGetCovered(new FxKey(fromCurrency, toCurrency), from, to, out rates);

    public void SetFx(string fromCurrency, string toCurrency, DateOnly from, DateOnly to, ClosePriceSeries rates) =>
        SetFx(fromCurrency, toCurrency, new HeldSeries(rates, from, to, Fresh()));

    /// <summary>Keeps a pair's rates fetched or extended; an extended series keeps the expiry of the one it extends.</summary>
    public void SetFx(string fromCurrency, string toCurrency, HeldSeries held) => Store(new FxKey(fromCurrency, toCurrency), held);

    /// <summary>
    /// A close of <paramref name="symbol"/> was stored for <paramref name="date"/>: a held series
    /// covering that day keeps only the days before it (the next request asks for the rest); one
    /// ending earlier is still right, as the new close lies in days it will ask for anyway.
    /// </summary>
    public void ForgetCloses(string symbol, DateOnly date)
    {
        lock (_retiring)
        {
            _retirements[symbol] = _retirements.GetValueOrDefault(symbol) + 1;
            ForgetNotListed(symbol);
            var key = new ClosesKey(symbol);
            if (!_entries.TryGetValue(key, out HeldSeries? held) || held is null || held.To < date)
            {
                return;
            }
            var kept = date.AddDays(-1);
            if (kept < held.From)
            {
                _entries.Remove(key);
                return;
            }
            Store(key, held with { Series = held.Series.Through(kept), To = kept });
        }
    }

    /// <summary>New closes were stored for <paramref name="symbol"/>: the next request reads them.</summary>
    public void ForgetCloses(string symbol)
    {
        lock (_retiring)
        {
            _retirements[symbol] = _retirements.GetValueOrDefault(symbol) + 1;
            ForgetNotListed(symbol);
            _entries.Remove(new ClosesKey(symbol));
        }
    }

    // Closes stored for a symbol MarketData did not list: it may list it now.
    private void ForgetNotListed(string symbol)
    {
        if (_entries.TryGetValue(new StockKey(symbol), out StockFacts? facts) && ReferenceEquals(facts, NotListed))
        {
            _entries.Remove(new StockKey(symbol));
        }
    }

    private bool TryGetCovered(object key, DateOnly from, DateOnly to, out ClosePriceSeries series)
    {
        if (_entries.TryGetValue(key, out HeldSeries? held) && held!.Covers(from, to))
        {
            // Never hand out closes after the day asked for: a calculation as of that day must not see them.
            series = held.Series.Through(to);
            return true;
        }
        series = ClosePriceSeries.Empty;
        return false;
    }

    private void Store(object key, object? value, long size) =>
        _entries.Set(key, value, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = _lifetime });

    // Sized in bars, as InMemoryOptions.MarketPoints counts them.
    private void Store(object key, HeldSeries held) =>
        _entries.Set(key, held, new MemoryCacheEntryOptions { Size = Math.Max(1, held.Series.Count), AbsoluteExpiration = held.Expires });

    public void Dispose() => _entries.Dispose();
}
