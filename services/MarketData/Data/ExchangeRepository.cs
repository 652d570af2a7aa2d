using Npgsql;

namespace PortfolioTracker.MarketData.Data;

/// <summary>
/// SQL for exchanges, which have no table of their own: a code is known once a stock lists on
/// it (<c>stocks.exchange</c>), trading hours (<c>symbol_exchanges</c>, one row per symbol) or
/// holidays (<c>market_holidays</c>) are stored under it. Holidays stored under
/// <see cref="EveryExchange"/> apply to every exchange, as the trading calendar applies them.
/// All three tables are readable by every signed-in user under RLS.
/// </summary>
public sealed class ExchangeRepository
{
    /// <summary>The exchange code of holidays that close every market (the bundled dataset's).</summary>
    public const string EveryExchange = "ALL";

    // Symbols of one exchange normally share its hours; where they differ, the hours most of
    // them have stand for the exchange (ties broken by the values, so the answer is stable).
    private const string ExchangesSql =
        $$"""
        with codes as (
            select exchange from stocks where exchange is not null and ($1::text is null or exchange = $1)
            union
            select exchange from symbol_exchanges where $1::text is null or exchange = $1
            union
            select exchange from market_holidays where $1::text is null or exchange = $1
        ),
        sessions as (
            select exchange, exchange_timezone, market_open_time, market_close_time, has_pre_market, has_after_hours,
                   count(*) as symbols,
                   sum(count(*)) over (partition by exchange) as total
            from symbol_exchanges
            where $1::text is null or exchange = $1
            group by exchange, exchange_timezone, market_open_time, market_close_time, has_pre_market, has_after_hours
        ),
        usual as (
            select distinct on (exchange) *
            from sessions
            order by exchange, symbols desc, exchange_timezone, market_open_time, market_close_time, has_pre_market, has_after_hours
        )
        select codes.exchange, usual.exchange_timezone, usual.market_open_time, usual.market_close_time,
               coalesce(usual.has_pre_market, false), coalesce(usual.has_after_hours, false), coalesce(usual.total, 0)::integer
        from codes left join usual on usual.exchange = codes.exchange
        where codes.exchange <> '{{EveryExchange}}' -- not an exchange: holidays listed under each
        order by codes.exchange
        """;

    public async Task<IReadOnlyList<ExchangeRow>> ListAsync(RlsSession session, CancellationToken ct) =>
        await ReadExchangesAsync(session, null, ct);

    public async Task<ExchangeRow?> GetAsync(RlsSession session, string code, CancellationToken ct) =>
        (await ReadExchangesAsync(session, code, ct)).SingleOrDefault();

    public async Task<bool> ExistsAsync(RlsSession session, string code, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool>(
            """
            select exists (select 1 from stocks where exchange = $1)
                or exists (select 1 from symbol_exchanges where exchange = $1)
                or exists (select 1 from market_holidays where exchange = $1)
            """,
            ct, code);

    public async Task<IReadOnlyList<MarketHolidayRow>> GetHolidaysAsync(
        RlsSession session, string code, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select distinct on (date) date, name, early_close_time from market_holidays
            where exchange in ($1, $4) and date between $2 and $3
            order by date, exchange = $4 -- the exchange's own entry wins over a holiday of every exchange
            """,
            ct, code, from, to, EveryExchange);
        var rows = new List<MarketHolidayRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new MarketHolidayRow(
                reader.GetFieldValue<DateOnly>(0),
                reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<TimeOnly>(2)));
        }
        return rows;
    }

    private static async Task<IReadOnlyList<ExchangeRow>> ReadExchangesAsync(RlsSession session, string? code, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(ExchangesSql, ct,
            new NpgsqlParameter { Value = (object?)code ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var rows = new List<ExchangeRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ExchangeRow(
                reader.GetString(0),
                reader.IsDBNull(1) ? null : reader.GetString(1),
                reader.IsDBNull(2) ? null : reader.GetFieldValue<TimeOnly>(2),
                reader.IsDBNull(3) ? null : reader.GetFieldValue<TimeOnly>(3),
                reader.GetBoolean(4),
                reader.GetBoolean(5),
                reader.GetInt32(6)));
        }
        return rows;
    }
}
