using Npgsql;
using NpgsqlTypes;

namespace PortfolioTracker.MarketData.Data;

/// <summary>SQL for <c>historical_prices</c>: permanent daily bars, unique by (symbol, date).</summary>
public sealed class PriceRepository
{
    /// <summary>First key of the advisory locks that serialise writers of one symbol's bars.</summary>
    private const int SymbolLockSpace = 1_000_001;

    private const string BarColumns =
        "date, open, high, low, close, adjusted_close, volume, dividend_amount, split_coefficient";

    public async Task<IReadOnlyList<DailyBar>> GetRangeAsync(RlsSession session, string symbol, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {BarColumns} from historical_prices where symbol = $1 and date between $2 and $3 order by date",
            ct, symbol, from, to);
        var bars = new List<DailyBar>();
        while (await reader.ReadAsync(ct))
        {
            bars.Add(ReadBar(reader, 0));
        }
        return bars;
    }

    /// <summary>Bars of many symbols in one query, grouped by symbol, oldest first.</summary>
    public async Task<IReadOnlyDictionary<string, List<DailyBar>>> GetRangesAsync(
        RlsSession session, IReadOnlyList<string> symbols, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select symbol, {BarColumns} from historical_prices where symbol = any($1) and date between $2 and $3 order by symbol, date",
            ct, TextArray(symbols), from, to);
        var series = symbols.ToDictionary(s => s, _ => new List<DailyBar>());
        while (await reader.ReadAsync(ct))
        {
            series[reader.GetString(0)].Add(ReadBar(reader, 1));
        }
        return series;
    }

    /// <summary>Closes of many symbols in [from, to] plus each one's last close before from, oldest first.</summary>
    public async Task<IReadOnlyDictionary<string, List<CloseRow>>> GetClosesAsync(
        RlsSession session, IReadOnlyList<string> symbols, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select s.symbol, p.date, p.close, p.split_coefficient
            from unnest($1::text[]) as s(symbol)
            cross join lateral (
                (select date, close, split_coefficient from historical_prices
                 where symbol = s.symbol and date < $2 order by date desc limit 1)
                union all
                (select date, close, split_coefficient from historical_prices
                 where symbol = s.symbol and date between $2 and $3)) p
            order by s.symbol, p.date
            """,
            ct, TextArray(symbols), from, to);
        var series = symbols.ToDictionary(s => s, _ => new List<CloseRow>());
        while (await reader.ReadAsync(ct))
        {
            series[reader.GetString(0)].Add(new CloseRow(reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetDecimal(3)));
        }
        return series;
    }

    /// <summary>
    /// Closes of many symbols, each over its own window, in one query: the last close before the
    /// window's start, then every close inside it. Keyed by the window's position in the list.
    /// </summary>
    public async Task<IReadOnlyList<List<CloseRow>>> GetCloseWindowsAsync(
        RlsSession session, IReadOnlyList<(string Symbol, DateOnly From, DateOnly To)> windows, CancellationToken ct)
    {
        var series = windows.Select(_ => new List<CloseRow>()).ToList();
        if (windows.Count == 0)
        {
            return series;
        }
        await using var reader = await session.ExecuteReaderAsync(
            """
            select w.n, p.date, p.close, p.split_coefficient
            from unnest($1::text[], $2::date[], $3::date[]) with ordinality as w(symbol, first, last, n)
            cross join lateral (
                (select date, close, split_coefficient from historical_prices
                 where symbol = w.symbol and date < w.first order by date desc limit 1)
                union all
                (select date, close, split_coefficient from historical_prices
                 where symbol = w.symbol and date between w.first and w.last)) p
            order by w.n, p.date
            """,
            ct, TextArray(windows.Select(w => w.Symbol).ToList()), windows.Select(w => w.From).ToArray(), windows.Select(w => w.To).ToArray());
        while (await reader.ReadAsync(ct))
        {
            series[(int)reader.GetInt64(0) - 1].Add(new CloseRow(reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetDecimal(3)));
        }
        return series;
    }

    /// <summary>The last close on or before <paramref name="asOf"/> for each symbol that has one.</summary>
    public async Task<IReadOnlyList<LatestClose>> GetLatestAsync(RlsSession session, IReadOnlyList<string> symbols, DateOnly asOf, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select s.symbol, p.date, p.close, coalesce(st.currency, '')
            from unnest($1::text[]) as s(symbol)
            cross join lateral (
                select date, close from historical_prices h
                where h.symbol = s.symbol and h.date <= $2
                order by h.date desc limit 1) p
            left join stocks st on st.symbol = s.symbol
            order by s.symbol
            """,
            ct, TextArray(symbols), asOf);
        var closes = new List<LatestClose>();
        while (await reader.ReadAsync(ct))
        {
            closes.Add(new LatestClose(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetDecimal(2), reader.GetString(3)));
        }
        return closes;
    }

    public async Task<DateOnly?> GetNewestDateAsync(RlsSession session, string symbol, CancellationToken ct) =>
        await session.ExecuteScalarAsync<DateOnly?>("select max(date) from historical_prices where symbol = $1", ct, symbol);

    public Task<int> UpsertAsync(RlsSession session, string symbol, IReadOnlyList<DailyBar> bars, CancellationToken ct) =>
        UpsertAsync(session, [(symbol, bars)], ct);

    /// <summary>
    /// Upserts bars of many symbols in bulk. COPY cannot target a table whose RLS applies to
    /// the caller, so the bars are staged with binary COPY into a temporary table (not
    /// WAL-logged) and merged from there: an UPDATE of the stored bars that differ (identical
    /// ones are not rewritten), then a plain INSERT of the bars not stored yet. Not one
    /// INSERT … ON CONFLICT: its speculative insertion writes an extra WAL record
    /// per row and cost 15 to 20 % of a large load (bench/README.md). What ON CONFLICT would
    /// arbitrate, two writers inserting the same new bars, cannot happen: writers take an
    /// advisory lock per symbol first (in symbol order, so they cannot deadlock), and the
    /// INSERT's snapshot is taken after it. The unique key still refuses a duplicate, should
    /// a writer ever skip the lock. No sort: callers send each symbol's bars in date order,
    /// which is the key's order already. Returns the number of bars inserted or changed.
    /// </summary>
    public async Task<int> UpsertAsync(RlsSession session, IReadOnlyList<(string Symbol, IReadOnlyList<DailyBar> Bars)> series, CancellationToken ct)
    {
        await session.ExecuteNonQueryAsync(
            """
            create temporary table if not exists staged_prices (
                symbol text not null, date date not null, open numeric not null, high numeric not null, low numeric not null,
                close numeric not null, adjusted_close numeric not null, volume bigint not null,
                dividend_amount numeric not null, split_coefficient numeric not null) on commit delete rows
            """,
            ct);

        await using (var importer = await session.Connection.BeginBinaryImportAsync(
            $"copy staged_prices (symbol, {BarColumns}) from stdin (format binary)", ct))
        {
            foreach (var (symbol, bars) in series)
            {
                foreach (var bar in bars)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(symbol, NpgsqlDbType.Text, ct);
                    await importer.WriteAsync(bar.Date, NpgsqlDbType.Date, ct);
                    await importer.WriteAsync(bar.Open, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(bar.High, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(bar.Low, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(bar.Close, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(bar.AdjustedClose, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(bar.Volume, NpgsqlDbType.Bigint, ct);
                    await importer.WriteAsync(bar.DividendAmount, NpgsqlDbType.Numeric, ct);
                    await importer.WriteAsync(bar.SplitCoefficient, NpgsqlDbType.Numeric, ct);
                }
            }
            await importer.CompleteAsync(ct);
        }

        // Statistics of what was just staged, so the joins below are planned for its real size.
        await session.ExecuteNonQueryAsync("analyze staged_prices", ct);
        await session.ExecuteNonQueryAsync(
            $"""
            select pg_advisory_xact_lock({SymbolLockSpace}, hashtext(symbol))
            from (select distinct symbol from staged_prices order by symbol) symbols
            """,
            ct);
        var changed = await session.ExecuteNonQueryAsync(
            """
            update historical_prices stored set
                open = staged.open, high = staged.high, low = staged.low, close = staged.close,
                adjusted_close = staged.adjusted_close, volume = staged.volume,
                dividend_amount = staged.dividend_amount, split_coefficient = staged.split_coefficient
            from staged_prices staged
            where stored.symbol = staged.symbol and stored.date = staged.date
              and (stored.open, stored.high, stored.low, stored.close, stored.adjusted_close, stored.volume,
                   stored.dividend_amount, stored.split_coefficient)
                is distinct from
                  (staged.open, staged.high, staged.low, staged.close, staged.adjusted_close, staged.volume,
                   staged.dividend_amount, staged.split_coefficient)
            """,
            ct);
        // What remains staged is new. Removing the stored keys first, rather than an INSERT …
        // WHERE NOT EXISTS, keeps the INSERT from reading the table it is growing.
        await session.ExecuteNonQueryAsync(
            """
            delete from staged_prices staged using historical_prices stored
            where stored.symbol = staged.symbol and stored.date = staged.date
            """,
            ct);
        var inserted = await session.ExecuteNonQueryAsync(
            $"insert into historical_prices (symbol, {BarColumns}) select symbol, {BarColumns} from staged_prices",
            ct);
        return changed + inserted;
    }

    internal static NpgsqlParameter TextArray(IReadOnlyList<string> values) =>
        new() { Value = values.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text };

    private static DailyBar ReadBar(NpgsqlDataReader reader, int first) => new(
        reader.GetFieldValue<DateOnly>(first),
        reader.GetDecimal(first + 1),
        reader.GetDecimal(first + 2),
        reader.GetDecimal(first + 3),
        reader.GetDecimal(first + 4),
        reader.GetDecimal(first + 5),
        reader.GetInt64(first + 6),
        reader.GetDecimal(first + 7),
        reader.GetDecimal(first + 8));
}
