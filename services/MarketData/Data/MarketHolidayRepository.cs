using NpgsqlTypes;

namespace PortfolioTracker.MarketData.Data;

/// <summary>SQL for <c>market_holidays</c> as the trading calendar needs it: dates only, every exchange at once.</summary>
public sealed class MarketHolidayRepository
{
    public async Task<IReadOnlySet<DateOnly>> GetDatesAsync(RlsSession session, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync("select distinct date from market_holidays", ct);
        var dates = new HashSet<DateOnly>();
        while (await reader.ReadAsync(ct))
        {
            dates.Add(reader.GetFieldValue<DateOnly>(0));
        }
        return dates;
    }

    /// <summary>Stores holidays (service role); a renamed holiday is updated, an unchanged one left alone.</summary>
    public async Task UpsertAsync(RlsSession session, IReadOnlyList<(DateOnly Date, string Exchange, string Name)> holidays, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync(
            """
            insert into market_holidays (date, exchange, name)
            select * from unnest($1::date[], $2::text[], $3::text[])
            on conflict (exchange, date) do update set name = excluded.name
            where market_holidays.name is distinct from excluded.name
            """,
            ct,
            new Npgsql.NpgsqlParameter { Value = holidays.Select(h => h.Date).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
            PriceRepository.TextArray(holidays.Select(h => h.Exchange).ToList()),
            PriceRepository.TextArray(holidays.Select(h => h.Name).ToList()));
}
