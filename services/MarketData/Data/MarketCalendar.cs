using PortfolioTracker.MarketData.Domain;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.MarketData.Data;

/// <summary>
/// Market holidays, read from <c>market_holidays</c> and kept in memory for an hour. Shared
/// by every caller, so it is read with the service's own credential, not a user's.
/// </summary>
public sealed class MarketCalendar(RlsDatabase database, TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);
    private (IReadOnlySet<DateOnly> Holidays, DateTimeOffset LoadedAt)? _cached;

    public async Task<IReadOnlySet<DateOnly>> HolidaysAsync(CancellationToken ct)
    {
        if (_cached is { } cached && clock.GetUtcNow() - cached.LoadedAt < Lifetime)
        {
            return cached.Holidays;
        }
        var holidays = await database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            await using var reader = await session.ExecuteReaderAsync("select distinct date from market_holidays", ct);
            var dates = new HashSet<DateOnly>();
            while (await reader.ReadAsync(ct))
            {
                dates.Add(reader.GetFieldValue<DateOnly>(0));
            }
            return dates;
        }, ct);
        _cached = (holidays, clock.GetUtcNow());
        return holidays;
    }

    /// <summary>Stores holidays (service role); the in-memory copy is dropped so it is re-read.</summary>
    public async Task UpsertHolidaysAsync(RlsSession session, IReadOnlyList<(DateOnly Date, string Exchange, string Name)> holidays, CancellationToken ct)
    {
        if (holidays.Count == 0)
        {
            return;
        }
        await session.ExecuteNonQueryAsync(
            """
            insert into market_holidays (date, exchange, name)
            select * from unnest($1::date[], $2::text[], $3::text[])
            on conflict (exchange, date) do update set name = excluded.name
            where market_holidays.name is distinct from excluded.name
            """,
            ct,
            new Npgsql.NpgsqlParameter { Value = holidays.Select(h => h.Date).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Date },
            PriceRepository.TextArray(holidays.Select(h => h.Exchange).ToList()),
            PriceRepository.TextArray(holidays.Select(h => h.Name).ToList()));
        _cached = null;
    }

    public async Task<bool> IsStaleAsync(DateOnly? newest, DateOnly asOf, CancellationToken ct) =>
        TradingCalendar.IsStale(newest, asOf, await HolidaysAsync(ct));
}
