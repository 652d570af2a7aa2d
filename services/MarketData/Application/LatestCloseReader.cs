using PortfolioTracker.MarketData.Caching;
using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// A symbol's last close on or before a date. Only "latest as of today" is cached, because
/// it is what clients poll; every other date is read from the database.
/// </summary>
public sealed class LatestCloseReader(RlsDatabase database, PriceRepository prices, LatestCloseCache cache, TimeProvider clock)
{
    public async Task<LatestClose?> GetAsync(DbClaims claims, string symbol, DateOnly asOf, CancellationToken ct)
    {
        var cacheable = asOf == DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (cacheable && await cache.GetAsync(symbol) is { } cached)
        {
            return cached;
        }
        var found = await database.RunAsync(claims, session => prices.GetLatestAsync(session, [symbol], asOf, ct), ct);
        if (found.Count == 0)
        {
            return null;
        }
        if (cacheable)
        {
            await cache.SetAsync(found[0]);
        }
        return found[0];
    }
}
