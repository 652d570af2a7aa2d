using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Closes, FX series and master data as fetched from MarketData, kept in process memory for
/// every user's next calculation (market data is public: any authenticated caller may read
/// it, so a copy fetched with one caller's token may serve another). Each series remembers
/// the date range it was fetched for and answers only requests inside that range. New closes
/// for a symbol retire it at once (<see cref="ForgetCloses"/>, from MarketData's
/// publications); everything is re-read after <see cref="InMemoryOptions.MarketLifetime"/>.
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

    private sealed record Covered(ClosePriceSeries Series, DateOnly From, DateOnly To);

    private readonly record struct StockKey(string Symbol);

    private readonly record struct ClosesKey(string Symbol);

    private readonly record struct FxKey(string From, string To);

    public bool TryGetStock(string symbol, out StockFacts? facts) => _entries.TryGetValue(new StockKey(symbol), out facts);

    public void SetStock(string symbol, StockFacts facts) => Store(new StockKey(symbol), facts, size: 1);

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
    public void SetCloses(string symbol, DateOnly from, DateOnly to, ClosePriceSeries closes, long generation)
    {
        lock (_retiring)
        {
            if (_retirements.GetValueOrDefault(symbol) == generation)
            {
                Store(new ClosesKey(symbol), new Covered(closes, from, to), size: Math.Max(1, closes.Count));
            }
        }
    }

    public bool TryGetFx(string fromCurrency, string toCurrency, DateOnly from, DateOnly to, out ClosePriceSeries rates) =>
        TryGetCovered(new FxKey(fromCurrency, toCurrency), from, to, out rates);

    public void SetFx(string fromCurrency, string toCurrency, DateOnly from, DateOnly to, ClosePriceSeries rates) =>
        Store(new FxKey(fromCurrency, toCurrency), new Covered(rates, from, to), size: Math.Max(1, rates.Count));

    /// <summary>New closes were stored for <paramref name="symbol"/>: the next request reads them.</summary>
    public void ForgetCloses(string symbol)
    {
        lock (_retiring)
        {
            _retirements[symbol] = _retirements.GetValueOrDefault(symbol) + 1;
            _entries.Remove(new ClosesKey(symbol));
        }
    }

    private bool TryGetCovered(object key, DateOnly from, DateOnly to, out ClosePriceSeries series)
    {
        if (_entries.TryGetValue(key, out Covered? covered) && covered!.From <= from && to <= covered.To)
        {
            // Never hand out closes after the day asked for: a calculation as of that day must not see them.
            series = covered.Series.Through(to);
            return true;
        }
        series = ClosePriceSeries.Empty;
        return false;
    }

    private void Store(object key, object? value, long size) =>
        _entries.Set(key, value, new MemoryCacheEntryOptions { Size = size, AbsoluteExpirationRelativeToNow = _lifetime });

    public void Dispose() => _entries.Dispose();
}
