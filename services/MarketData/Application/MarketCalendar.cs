using PortfolioTracker.MarketData.Data;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// Market holidays kept in memory for an hour, and whether a symbol's newest close is stale by
/// them. Shared by every caller, so holidays are read with the service's own credential, not
/// a user's.
/// </summary>
public sealed class MarketCalendar(RlsDatabase database, MarketHolidayRepository repository, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private (IReadOnlySet<DateOnly> Holidays, DateTimeOffset LoadedAt)? _cached;

    public async Task<IReadOnlySet<DateOnly>> HolidaysAsync(CancellationToken ct)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.LoadedAt < Lifetime)
        {
            return cached.Holidays;
        }
        var dates = await database.RunAsync(DbClaims.ServiceRole, session => repository.GetDatesAsync(session, ct), ct);
        _cached = (dates, clock.GetUtcNow());
        return dates;
    }

    /// <summary>Stores holidays (service role); the in-memory copy is dropped so it is re-read.</summary>
    public async Task UpsertHolidaysAsync(RlsSession session, IReadOnlyList<(DateOnly Date, string Exchange, string Name)> holidays, CancellationToken ct)
    {
        if (holidays.Count == 0)
        {
            return;
        }
        await repository.UpsertAsync(session, holidays, ct);
        _cached = null;
    }

    public async Task<bool> IsStaleAsync(DateOnly? newest, DateOnly asOf, CancellationToken ct) =>
        TradingCalendar.IsStale(newest, asOf, await HolidaysAsync(ct));
}
