using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using PortfolioTracker.Portfolio.Domain.Metrics;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>
/// Users' incremental ledger states (<see cref="LedgerState"/>) in process memory, one per user,
/// portfolio (or all) and base currency. A state is never trusted blindly: every request hands it
/// the current ledger and market, and it recomputes from the first day either changed.
/// </summary>
public sealed class LedgerStateCache : IDisposable
{
    private readonly MemoryCache _states;
    private readonly TimeSpan _idle;

    public LedgerStateCache(IOptions<InMemoryOptions> options)
    {
        _states = new MemoryCache(new MemoryCacheOptions { SizeLimit = options.Value.StateBytes });
        _idle = options.Value.LedgerIdle;
    }

    private readonly record struct Key(Guid UserId, Guid? PortfolioId, string BaseCurrency);

    /// <summary>A state and the ledger version (<c>public.ledger_version()</c>) of the entries it holds.</summary>
    public sealed record Held(LedgerState State, long Version)
    {
        /// <summary>The daily series last valued from <see cref="State"/> (replaced, never changed: read and written whole).</summary>
        public ValuedSeries? LastSeries { get; set; }
    }

    /// <summary>A daily series, the state it was valued from, its last day, and what it read of the market.</summary>
    public sealed record ValuedSeries(LedgerState State, DateOnly AsOf, ValuationKey Market, IReadOnlyList<DailyValue> Series);

    public Held? Find(Guid userId, Guid? portfolioId, string baseCurrency) =>
        _states.TryGetValue(new Key(userId, portfolioId, baseCurrency), out Held? held) ? held : null;

    public void Set(Guid userId, Guid? portfolioId, Held held) =>
        _states.Set(new Key(userId, portfolioId, held.State.BaseCurrency), held,
            new MemoryCacheEntryOptions { Size = Math.Max(1, held.State.ApproximateBytes), SlidingExpiration = _idle });

    public void Dispose() => _states.Dispose();
}
