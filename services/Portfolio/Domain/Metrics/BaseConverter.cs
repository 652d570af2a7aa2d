using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>Converts amounts to the base currency, remembering the last rate per currency and day.</summary>
internal sealed class BaseConverter(IFxRates fx, string baseCurrency, MarketFacts? facts = null)
{
    private readonly Dictionary<string, (DateOnly Date, decimal Rate)> _cache = new(StringComparer.Ordinal);

    public string BaseCurrency { get; } = baseCurrency;

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    public decimal Rate(string currency, DateOnly date)
    {
        if (string.Equals(currency, BaseCurrency, StringComparison.Ordinal))
        {
            return 1m;
        }
        if (_cache.TryGetValue(currency, out var cached) && cached.Date == date)
        {
            return cached.Rate;
        }
        if (!fx.TryGetRate(currency, BaseCurrency, date, out var rate) || rate <= 0)
        {
            facts?.RecordRate(currency, date, 0m);
            throw new MissingFxRateException(currency, BaseCurrency, date);
        }
        facts?.RecordRate(currency, date, rate);
        _cache[currency] = (date, rate);
        return rate;
    }

    /// <summary>A zero amount needs no rate (a trade without commission must not fail for lack of FX).</summary>
    public decimal ToBase(decimal amount, string currency, DateOnly date) =>
        amount == 0m || string.Equals(currency, BaseCurrency, StringComparison.Ordinal) ? amount : amount * Rate(currency, date);
}
