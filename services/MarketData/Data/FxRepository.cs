using Npgsql;
using NpgsqlTypes;

namespace PortfolioTracker.MarketData.Data;

/// <summary>SQL for <c>forex_rates</c>, unique by (from_currency, to_currency, date).</summary>
public sealed class FxRepository
{
    /// <summary>For each requested pair, the latest stored rate on or before its date (one query for all).</summary>
    public async Task<IReadOnlyDictionary<FxPairOnDate, StoredRate>> GetLatestAsync(
        RlsSession session, IReadOnlyCollection<FxPairOnDate> pairs, CancellationToken ct)
    {
        var found = new Dictionary<FxPairOnDate, StoredRate>();
        if (pairs.Count == 0)
        {
            return found;
        }
        await using var reader = await session.ExecuteReaderAsync(
            """
            select q.f, q.t, q.d, r.date, r.rate
            from unnest($1::text[], $2::text[], $3::date[]) as q(f, t, d)
            cross join lateral (
                select date, rate from forex_rates
                where from_currency = q.f and to_currency = q.t and date <= q.d
                order by date desc limit 1) r
            """,
            ct,
            PriceRepository.TextArray(pairs.Select(p => p.From).ToList()),
            PriceRepository.TextArray(pairs.Select(p => p.To).ToList()),
            new NpgsqlParameter { Value = pairs.Select(p => p.Date).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date });
        while (await reader.ReadAsync(ct))
        {
            var key = new FxPairOnDate(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateOnly>(2));
            found[key] = new StoredRate(key.From, key.To, reader.GetFieldValue<DateOnly>(3), reader.GetDecimal(4));
        }
        return found;
    }

    /// <summary>Stored rates of the given pairs in [from, to] plus each pair's last rate before from, oldest first.</summary>
    public async Task<IReadOnlyDictionary<(string From, string To), IReadOnlyList<(DateOnly Date, decimal Rate)>>> GetRangeAsync(
        RlsSession session, IReadOnlyCollection<(string From, string To)> pairs, DateOnly from, DateOnly to, CancellationToken ct)
    {
        var result = pairs.ToDictionary(p => p, _ => new List<(DateOnly, decimal)>());
        if (pairs.Count == 0)
        {
            return result.ToDictionary(p => p.Key, p => (IReadOnlyList<(DateOnly, decimal)>)p.Value);
        }
        await using var reader = await session.ExecuteReaderAsync(
            """
            select q.f, q.t, r.date, r.rate
            from unnest($1::text[], $2::text[]) as q(f, t)
            cross join lateral (
                (select date, rate from forex_rates
                 where from_currency = q.f and to_currency = q.t and date < $3
                 order by date desc limit 1)
                union all
                (select date, rate from forex_rates
                 where from_currency = q.f and to_currency = q.t and date between $3 and $4)) r
            order by q.f, q.t, r.date
            """,
            ct,
            PriceRepository.TextArray(pairs.Select(p => p.From).ToList()),
            PriceRepository.TextArray(pairs.Select(p => p.To).ToList()),
            from, to);
        while (await reader.ReadAsync(ct))
        {
            result[(reader.GetString(0), reader.GetString(1))].Add((reader.GetFieldValue<DateOnly>(2), reader.GetDecimal(3)));
        }
        return result.ToDictionary(p => p.Key, p => (IReadOnlyList<(DateOnly, decimal)>)p.Value);
    }

    /// <summary>
    /// Stored rates of many pairs, each over its own window, in one query: the last rate before
    /// the window's start, then every rate inside it. Keyed by the window's position in the list.
    /// </summary>
    public async Task<IReadOnlyList<List<(DateOnly Date, decimal Rate)>>> GetRangeWindowsAsync(
        RlsSession session, IReadOnlyList<(string From, string To, DateOnly First, DateOnly Last)> windows, CancellationToken ct)
    {
        var result = windows.Select(_ => new List<(DateOnly, decimal)>()).ToList();
        if (windows.Count == 0)
        {
            return result;
        }
        await using var reader = await session.ExecuteReaderAsync(
            """
            select q.n, r.date, r.rate
            from unnest($1::text[], $2::text[], $3::date[], $4::date[]) with ordinality as q(f, t, first, last, n)
            cross join lateral (
                (select date, rate from forex_rates
                 where from_currency = q.f and to_currency = q.t and date < q.first
                 order by date desc limit 1)
                union all
                (select date, rate from forex_rates
                 where from_currency = q.f and to_currency = q.t and date between q.first and q.last)) r
            order by q.n, r.date
            """,
            ct,
            PriceRepository.TextArray(windows.Select(w => w.From).ToList()),
            PriceRepository.TextArray(windows.Select(w => w.To).ToList()),
            windows.Select(w => w.First).ToArray(),
            windows.Select(w => w.Last).ToArray());
        while (await reader.ReadAsync(ct))
        {
            result[(int)reader.GetInt64(0) - 1].Add((reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2)));
        }
        return result;
    }

    /// <summary>Upserts a pair's daily rates in one statement; unchanged rates are not rewritten.</summary>
    public async Task<int> UpsertAsync(RlsSession session, string from, string to, IReadOnlyList<(DateOnly Date, decimal Rate)> rates, CancellationToken ct) =>
        await session.ExecuteNonQueryAsync(
            """
            insert into forex_rates (from_currency, to_currency, date, rate)
            select $1, $2, d, r from unnest($3::date[], $4::numeric[]) as x(d, r)
            on conflict (from_currency, to_currency, date) do update set rate = excluded.rate
            where forex_rates.rate is distinct from excluded.rate
            """,
            ct,
            from,
            to,
            new NpgsqlParameter { Value = rates.Select(r => r.Date).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Date },
            new NpgsqlParameter { Value = rates.Select(r => r.Rate).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Numeric });
}
