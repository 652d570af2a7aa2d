using Npgsql;
using NpgsqlTypes;
using PortfolioTracker.Dividends.Domain;

namespace PortfolioTracker.Dividends.Data;

/// <summary>What a sync saw, recorded with its rows: when it started, through which day, the ledger version and events watermark.</summary>
public sealed record SyncRecord(DateTimeOffset Started, DateOnly Through, long LedgerVersion, string EventsWatermark);

/// <summary>What the last successful sync saw; <paramref name="SyncedRows"/> counts the user's synced rows now.</summary>
public sealed record SyncState(long? LedgerVersion, string? EventsWatermark, DateOnly? SyncedThrough, int SyncedRows);

/// <summary>
/// SQL for <c>user_dividends</c> and <c>dividend_sync_state</c>. RLS limits every statement to
/// the caller's rows; the explicit <c>user_id = $1</c> lets the planner use the index leading with it.
/// </summary>
public sealed class DividendRepository
{
    private const string Columns =
        """
        id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount, status, portfolio_id, record_date,
        declaration_date, tax_withheld, dividend_type, source, transaction_id, notes, created_at, updated_at
        """;

    public async Task<IReadOnlyList<DividendRow>> ListAsync(
        RlsSession session, Guid userId, IReadOnlyList<string> statuses, int? year, string? symbol, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            select {Columns}
            from user_dividends
            where user_id = $1
              and (cardinality($2::text[]) = 0 or status = any($2))
              and ($3::int is null or (ex_date >= make_date($3, 1, 1) and ex_date < make_date($3 + 1, 1, 1)))
              and ($4::text is null or symbol = $4)
            order by ex_date desc, symbol
            """,
            ct,
            userId,
            new NpgsqlParameter { Value = statuses.ToArray(), NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text },
            new NpgsqlParameter { Value = (object?)year ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Integer },
            new NpgsqlParameter { Value = (object?)symbol ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        return await ReadAllAsync(reader, ct);
    }

    public async Task<DividendRow?> GetAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync($"select {Columns} from user_dividends where user_id = $1 and id = $2", ct, userId, id);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Every row a sync compares against (all statuses and sources), keyed as the sync keys them.</summary>
    public async Task<IReadOnlyList<StoredDividend>> SyncRowsAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select id, coalesce(portfolio_id, '00000000-0000-0000-0000-000000000000'::uuid), symbol, ex_date, dividend_type, status, source,
                   shares_held_at_ex_date, amount, currency, pay_date, record_date, declaration_date
            from user_dividends where user_id = $1
            """,
            ct, userId);
        var rows = new List<StoredDividend>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new StoredDividend(
                reader.GetGuid(0),
                new DividendKey(reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetString(4)),
                reader.GetString(5), reader.GetString(6), reader.IsDBNull(7) ? null : reader.GetDecimal(7), reader.GetDecimal(8), reader.GetString(9),
                Date(reader, 10), Date(reader, 11), Date(reader, 12)));
        }
        return rows;
    }

    /// <summary>
    /// Applies a sync plan: pending rows recomputed and removed (each only while still pending),
    /// then, in one statement, the new pending rows inserted (a row the same key already has is
    /// left alone; arrays unnested) and the sync's progress row recorded. Returns the rows
    /// inserted: their ids as the insert returned them, their values as sent (nothing is read back).
    /// </summary>
    public async Task<IReadOnlyList<DividendRow>> ApplyAsync(RlsSession session, Guid userId, SyncPlan plan, SyncRecord record, CancellationToken ct)
    {
        if (plan.Update.Count > 0)
        {
            var u = plan.Update;
            await session.ExecuteNonQueryAsync(
                """
                update user_dividends d
                set shares_held_at_ex_date = r.sh, current_holdings = r.sh, total_amount = r.t, amount = r.a, currency = r.c,
                    pay_date = r.pd, record_date = r.rd, declaration_date = r.dd
                from unnest($2::uuid[], $3::numeric[], $4::numeric[], $5::numeric[], $6::text[], $7::date[], $8::date[], $9::date[])
                     as r(id, sh, t, a, c, pd, rd, dd)
                where d.user_id = $1 and d.id = r.id and d.status = 'pending'
                """,
                ct, userId,
                Array(u.Select(x => x.Id), NpgsqlDbType.Uuid),
                Array(u.Select(x => x.Owed.Shares), NpgsqlDbType.Numeric),
                Array(u.Select(x => x.Owed.Total), NpgsqlDbType.Numeric),
                Array(u.Select(x => x.Owed.Event.Amount), NpgsqlDbType.Numeric),
                Array(u.Select(x => x.Owed.Event.Currency), NpgsqlDbType.Text),
                Array(u.Select(x => x.Owed.Event.PayDate), NpgsqlDbType.Date),
                Array(u.Select(x => x.Owed.Event.RecordDate), NpgsqlDbType.Date),
                Array(u.Select(x => x.Owed.Event.DeclarationDate), NpgsqlDbType.Date));
        }
        if (plan.Remove.Count > 0)
        {
            await session.ExecuteNonQueryAsync(
                "delete from user_dividends where user_id = $1 and id = any($2) and status = 'pending'",
                ct, userId, Array(plan.Remove, NpgsqlDbType.Uuid));
        }

        var c = plan.Create;
        await using var reader = await session.ExecuteReaderAsync(
            """
            with inserted as (
              insert into user_dividends (user_id, portfolio_id, symbol, ex_date, pay_date, record_date, declaration_date, amount, currency,
                  shares_held_at_ex_date, current_holdings, total_amount, dividend_type, source, status)
              select $1, p, s, e, pd, rd, dd, a, c, sh, sh, t, dt, src, 'pending'
              from unnest($2::uuid[], $3::text[], $4::date[], $5::date[], $6::date[], $7::date[], $8::numeric[], $9::text[], $10::numeric[],
                          $11::numeric[], $12::text[], $13::text[]) as r(p, s, e, pd, rd, dd, a, c, sh, t, dt, src)
              on conflict (user_id, portfolio_id, symbol, ex_date, dividend_type) do nothing
              returning id, portfolio_id, symbol, ex_date, dividend_type
            ),
            recorded as (
              insert into dividend_sync_state as s (user_id, status, last_started_at, last_finished_at, synced_through, ledger_version,
                  events_fingerprint, dividends_created, dividends_updated, dividends_removed, last_error)
              values ($1, 'succeeded', $14, greatest($14, now()), $15, $16, $17, (select count(*) from inserted), $18, $19, null)
              on conflict (user_id) do update set status = 'succeeded', last_started_at = excluded.last_started_at,
                  last_finished_at = excluded.last_finished_at, synced_through = excluded.synced_through,
                  ledger_version = excluded.ledger_version, events_fingerprint = excluded.events_fingerprint,
                  dividends_created = excluded.dividends_created, dividends_updated = excluded.dividends_updated,
                  dividends_removed = excluded.dividends_removed, last_error = null
            )
            select * from inserted
            """,
            ct, userId,
            Array(c.Select(o => o.Key.PortfolioId), NpgsqlDbType.Uuid),
            Array(c.Select(o => o.Key.Symbol), NpgsqlDbType.Text),
            Array(c.Select(o => o.Key.ExDate), NpgsqlDbType.Date),
            Array(c.Select(o => o.Event.PayDate), NpgsqlDbType.Date),
            Array(c.Select(o => o.Event.RecordDate), NpgsqlDbType.Date),
            Array(c.Select(o => o.Event.DeclarationDate), NpgsqlDbType.Date),
            Array(c.Select(o => o.Event.Amount), NpgsqlDbType.Numeric),
            Array(c.Select(o => o.Event.Currency), NpgsqlDbType.Text),
            Array(c.Select(o => o.Shares), NpgsqlDbType.Numeric),
            Array(c.Select(o => o.Total), NpgsqlDbType.Numeric),
            Array(c.Select(o => o.Key.DividendType), NpgsqlDbType.Text),
            Array(c.Select(o => RowSource(o.Event.Source)), NpgsqlDbType.Text),
            record.Started, record.Through, record.LedgerVersion, record.EventsWatermark, plan.Update.Count, plan.Remove.Count);
        // Only the new ids and keys come back: the rest of each row is what was sent.
        var sent = c.ToDictionary(o => o.Key);
        var created = new List<DividendRow>();
        while (await reader.ReadAsync(ct))
        {
            var o = sent[new DividendKey(reader.GetGuid(1), reader.GetString(2), reader.GetFieldValue<DateOnly>(3), reader.GetString(4))];
            created.Add(new DividendRow(reader.GetGuid(0), o.Key.Symbol, o.Key.ExDate, o.Event.PayDate, o.Event.Amount, o.Event.Currency, o.Shares, o.Total, "pending")
            {
                PortfolioId = o.Key.PortfolioId,
                DividendType = o.Key.DividendType,
                Source = RowSource(o.Event.Source),
            });
        }
        return created;
    }

    /// <summary>The user's last successful sync: the ledger version, events watermark and day it saw.</summary>
    public async Task<SyncState?> SyncStateAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select ledger_version, events_fingerprint, synced_through,
                   (select count(*)::int from user_dividends where user_id = $1 and source <> 'manual')
            from dividend_sync_state where user_id = $1 and status = 'succeeded'
            """,
            ct, userId);
        return await reader.ReadAsync(ct)
            ? new SyncState(reader.IsDBNull(0) ? null : reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), Date(reader, 2), reader.GetInt32(3))
            : null;
    }

    /// <summary>The caller's base currency from their profile; USD when they have none.</summary>
    public async Task<string> BaseCurrencyAsync(RlsSession session, Guid userId, CancellationToken ct) =>
        await session.ExecuteScalarAsync<string>("select base_currency from user_profiles where user_id = $1", ct, userId) ?? "USD";

    /// <summary>Confirmed and edited rows, only the columns the income a report adds up needs.</summary>
    public async Task<IReadOnlyList<IncomeRow>> IncomeRowsAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select symbol, coalesce(pay_date, ex_date), currency, amount, coalesce(total_amount, 0), tax_withheld
            from user_dividends where user_id = $1 and status in ('confirmed', 'edited') order by ex_date
            """,
            ct, userId);
        var rows = new List<IncomeRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new IncomeRow(reader.GetString(0), reader.GetFieldValue<DateOnly>(1), reader.GetString(2), reader.GetDecimal(3),
                reader.GetDecimal(4), reader.GetDecimal(5)));
        }
        return rows;
    }

    /// <summary>The event sources as <c>user_dividends.source</c> names them.</summary>
    private static string RowSource(string eventSource) => eventSource switch
    {
        "dataset" or "alpha_vantage" or "broker" or "import" => eventSource,
        _ => "import",
    };

    private static NpgsqlParameter Array<T>(IEnumerable<T> values, NpgsqlDbType type) =>
        new() { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray(), NpgsqlDbType = NpgsqlDbType.Array | type };

    private static DateOnly? Date(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetFieldValue<DateOnly>(i);

    private static async Task<IReadOnlyList<DividendRow>> ReadAllAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        var rows = new List<DividendRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    private static DividendRow Read(NpgsqlDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetFieldValue<DateOnly>(2), Date(r, 3), r.GetDecimal(4), r.GetString(5),
        r.IsDBNull(6) ? null : r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetDecimal(7), r.GetString(8))
    {
        PortfolioId = r.IsDBNull(9) ? null : r.GetGuid(9),
        RecordDate = Date(r, 10),
        DeclarationDate = Date(r, 11),
        TaxWithheld = r.GetDecimal(12),
        DividendType = r.GetString(13),
        Source = r.GetString(14),
        TransactionId = r.IsDBNull(15) ? null : r.GetGuid(15),
        Notes = r.IsDBNull(16) ? null : r.GetString(16),
        CreatedAt = r.GetDateTime(17),
        UpdatedAt = r.GetDateTime(18),
    };
}
