using Npgsql;
using NpgsqlTypes;

namespace PortfolioTracker.MarketData.Data;

/// <summary>SQL for <c>dividend_events</c>, unique by (symbol, ex_date, dividend_type).</summary>
public sealed class DividendEventRepository
{
    /// <summary>
    /// How far behind the newest change the change feed answers: a writer's rows carry its
    /// transaction's start time but become visible only at its commit, so a feed that moved
    /// straight to the newest timestamp could step over rows committed a moment later.
    /// </summary>
    public static readonly TimeSpan ChangeFeedMargin = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Upserts events in one statement; identical events are not rewritten. A date the new
    /// event does not know (null) keeps a date already stored: "unknown" is not a correction.
    /// Returns the rows inserted or changed.
    /// </summary>
    public async Task<int> UpsertAsync(RlsSession session, IReadOnlyList<DeclaredDividend> dividends, CancellationToken ct)
    {
        if (dividends.Count == 0)
        {
            return 0;
        }
        return await session.ExecuteNonQueryAsync(
            """
            insert into dividend_events as e
              (symbol, ex_date, pay_date, record_date, declaration_date, amount, currency, dividend_type, source)
            select * from unnest($1::text[], $2::date[], $3::date[], $4::date[], $5::date[], $6::numeric[], $7::text[], $8::text[], $9::text[])
            on conflict (symbol, ex_date, dividend_type) do update set
              pay_date = coalesce(excluded.pay_date, e.pay_date),
              record_date = coalesce(excluded.record_date, e.record_date),
              declaration_date = coalesce(excluded.declaration_date, e.declaration_date),
              amount = excluded.amount,
              currency = excluded.currency,
              source = excluded.source
            where (e.amount, e.currency) is distinct from (excluded.amount, excluded.currency)
               or (excluded.pay_date is not null and excluded.pay_date is distinct from e.pay_date)
               or (excluded.record_date is not null and excluded.record_date is distinct from e.record_date)
               or (excluded.declaration_date is not null and excluded.declaration_date is distinct from e.declaration_date)
            """,
            ct,
            PriceRepository.TextArray(dividends.Select(d => d.Symbol).ToList()),
            Dates(dividends.Select(d => (DateOnly?)d.ExDate)),
            Dates(dividends.Select(d => d.PayDate)),
            Dates(dividends.Select(d => d.RecordDate)),
            Dates(dividends.Select(d => d.DeclarationDate)),
            new NpgsqlParameter { Value = dividends.Select(d => d.Amount).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric },
            PriceRepository.TextArray(dividends.Select(d => d.Currency).ToList()),
            PriceRepository.TextArray(dividends.Select(d => d.DividendType).ToList()),
            PriceRepository.TextArray(dividends.Select(d => d.Source).ToList()));
    }

    /// <summary>The events of the given symbols with an ex-date in [from, to], by symbol then ex-date (one query for all).</summary>
    public async Task<IReadOnlyList<StoredDividend>> GetAsync(
        RlsSession session, IReadOnlyList<string> symbols, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select symbol, ex_date, pay_date, record_date, declaration_date, amount, currency, dividend_type, source, updated_at
            from dividend_events
            where symbol = any($1) and ex_date between $2 and $3
            order by symbol, ex_date, dividend_type
            """,
            ct, PriceRepository.TextArray(symbols), from, to);
        var rows = new List<StoredDividend>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StoredDividend(
                new DeclaredDividend(
                    reader.GetString(0),
                    reader.GetFieldValue<DateOnly>(1),
                    OptionalDate(reader, 2),
                    OptionalDate(reader, 3),
                    OptionalDate(reader, 4),
                    reader.GetDecimal(5),
                    reader.GetString(6),
                    reader.GetString(7),
                    reader.GetString(8)),
                reader.GetDateTime(9)));
        }
        return rows;
    }

    /// <summary>
    /// Symbols with an event inserted or changed after <paramref name="since"/> (all when null),
    /// and the instant to ask from next time: the newest change, but never later than
    /// <see cref="ChangeFeedMargin"/> before now, so a symbol may be reported twice but never missed.
    /// </summary>
    public async Task<(IReadOnlyList<string> Symbols, DateTime? AsOf)> ChangedSinceAsync(RlsSession session, DateTime? since, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select symbol, least(max(updated_at), now() - $2::interval)
            from dividend_events
            where $1::timestamptz is null or updated_at > $1
            group by symbol
            order by symbol
            """,
            ct,
            new NpgsqlParameter { Value = (object?)since ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.TimestampTz },
            ChangeFeedMargin);
        var symbols = new List<string>();
        var asOf = since;
        while (await reader.ReadAsync(ct))
        {
            symbols.Add(reader.GetString(0));
            var seen = reader.GetDateTime(1);
            if (asOf is null || seen > asOf)
            {
                asOf = seen;
            }
        }
        return (symbols, asOf);
    }

    private static NpgsqlParameter Dates(IEnumerable<DateOnly?> dates) =>
        new() { Value = dates.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date };

    private static DateOnly? OptionalDate(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateOnly>(ordinal);
}
