using System.Collections.Concurrent;
using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>Our own <see cref="IProviderStateStore"/> in memory, for tests of the client's logic.</summary>
public sealed class InMemoryProviderStateStore : IProviderStateStore
{
    private readonly ConcurrentDictionary<string, CircuitBreakerSnapshot> _breakers = new();
    private readonly ConcurrentDictionary<(string, DateOnly), int> _usage = new();
    private readonly ConcurrentDictionary<string, (string Json, DateTimeOffset ExpiresAt)> _cache = new();

    public IReadOnlyCollection<string> CacheKeys => [.. _cache.Keys];

    public CircuitBreakerSnapshot? Breaker(string service) => _breakers.GetValueOrDefault(service);

    public int CallCount(string service, DateOnly day) => _usage.GetValueOrDefault((service, day));

    public void SetCallCount(string service, DateOnly day, int count) => _usage[(service, day)] = count;

    public Task<CircuitBreakerSnapshot?> LoadBreakerAsync(string service, CancellationToken cancellationToken) =>
        Task.FromResult(_breakers.GetValueOrDefault(service));

    public Task SaveBreakerAsync(string service, CircuitBreakerSnapshot snapshot, CancellationToken cancellationToken)
    {
        _breakers[service] = snapshot;
        return Task.CompletedTask;
    }

    public Task<int> GetCallCountAsync(string service, DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(CallCount(service, day));

    public Task<int> RecordCallAsync(string service, DateOnly day, CancellationToken cancellationToken) =>
        Task.FromResult(_usage.AddOrUpdate((service, day), 1, (_, count) => count + 1));

    public Task<string?> GetCachedAsync(string cacheKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        Task.FromResult(_cache.TryGetValue(cacheKey, out var entry) && entry.ExpiresAt > now ? entry.Json : null);

    public Task SetCachedAsync(string cacheKey, string json, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken)
    {
        _cache[cacheKey] = (json, expiresAt);
        return Task.CompletedTask;
    }
}
