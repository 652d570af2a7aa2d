using Microsoft.Extensions.Caching.Memory;

namespace PortfolioTracker.Dividends.Caching;

/// <summary>
/// FX rates of past dates as MarketData answered them, held in process memory: an income report
/// converts every payment at its own pay date's rate (about 1,600 dates for twenty years of
/// quarterly dividends on twenty symbols), and those answers do not move from one report to the
/// next. Today's and future dates are never held, since a new rate can still arrive for them. A
/// rate imported later for an earlier date (a backfill) reaches reports when its entry expires.
/// </summary>
public sealed class SettledFxRates : IDisposable
{
    /// <summary>How long an answer is reused: long enough for repeated reports, short enough that a backfill shows the same day.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    /// <summary>Rates held across all users (a few hundred bytes each with the key); least recently used go first.</summary>
    public const long Capacity = 200_000;

    private readonly MemoryCache _rates = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public bool TryGet(string from, string to, DateOnly date, out decimal rate) => _rates.TryGetValue((from, to, date), out rate);

    public void Remember(string from, string to, DateOnly date, decimal rate, DateOnly today)
    {
        if (date < today)
        {
            _rates.Set((from, to, date), rate, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = Lifetime });
        }
    }

    public void Dispose() => _rates.Dispose();
}
