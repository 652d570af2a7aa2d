using Npgsql;

namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>
/// One minimal valid row per market or system table, as service_role writes them (columns of
/// the specification's "Complete Schema Reference"). <c>$1</c> is a fresh token of upper-case
/// letters, unique per call, used where a key must not collide. A table not listed here gets
/// a row generated from its catalog (<see cref="GeneratedInsertAsync"/>), which fits a table
/// whose required columns have plain types and no restrictive checks.
/// </summary>
public static class ServiceRows
{
    public static readonly IReadOnlyDictionary<string, string> InsertSql = new Dictionary<string, string>
    {
        ["stocks"] =
            "insert into public.stocks (symbol, company_name, exchange, currency) values ($1, 'Isolation Test Inc.', 'NASDAQ', 'USD')",
        // The stock first, in case prices, financials or exchanges reference stocks(symbol).
        ["historical_prices"] =
            """
            with stock as (insert into public.stocks (symbol) values ($1) on conflict do nothing)
            insert into public.historical_prices (symbol, date, open, high, low, close, adjusted_close, volume, dividend_amount, split_coefficient)
            values ($1, date '2024-01-16', 10.00, 12.00, 9.50, 11.00, 11.00, 1000, 0, 1)
            """,
        ["company_financials"] =
            """
            with stock as (insert into public.stocks (symbol) values ($1) on conflict do nothing)
            insert into public.company_financials (symbol, data_type, financial_data)
            values ($1, 'OVERVIEW', '{"MarketCapitalization": "1000000"}')
            """,
        // from_currency is the token's first three letters (never USD: tokens start with Z).
        ["forex_rates"] =
            """
            insert into public.forex_rates (from_currency, to_currency, date, rate)
            values (substr($1, 1, 3), 'USD', date '2024-01-16' - (floor(random() * 3000))::int, 1.2345)
            """,
        ["dividend_events"] =
            """
            insert into public.dividend_events (symbol, ex_date, pay_date, amount, currency, dividend_type, source)
            values ($1, date '2024-02-08', date '2024-03-09', 1.66, 'USD', 'cash', 'import')
            """,
        ["symbol_exchanges"] =
            """
            with stock as (insert into public.stocks (symbol) values ($1) on conflict do nothing)
            insert into public.symbol_exchanges (symbol, exchange, exchange_timezone, market_open_time, market_close_time, has_pre_market, has_after_hours)
            values ($1, 'NASDAQ', 'America/New_York', '09:30:00', '16:00:00', true, true)
            """,
        ["api_cache"] =
            "insert into public.api_cache (cache_key, data, expires_at) values ($1, '{\"cached\": true}', now() + interval '1 hour')",
        ["api_usage"] =
            "insert into public.api_usage (service, date, call_count) values ($1, current_date, 1)",
        ["circuit_breaker_state"] =
            "insert into public.circuit_breaker_state (service_name, failure_count, circuit_state) values ($1, 0, 'closed')",
    };

    /// <summary>A fresh key-like token: "Z" and seven upper-case letters.</summary>
    public static string Token() =>
        "Z" + new string(Enumerable.Range(0, 7).Select(_ => (char)('A' + Random.Shared.Next(26))).ToArray());

    /// <summary>The listed insert, or one generated from the catalog; both take the token as $1.</summary>
    public static async Task<string> InsertFor(DatabaseFixture db, string table) =>
        InsertSql.TryGetValue(table, out var sql) ? sql : await GeneratedInsertAsync(db, table);

    /// <summary>
    /// An INSERT that fills every required column (not null, no default) with a plain value of
    /// its type: the token for text, 1 for numbers, a past date, now(), true, '{}'.
    /// </summary>
    public static async Task<string> GeneratedInsertAsync(DatabaseFixture db, string table)
    {
        await using var command = db.Superuser.CreateCommand("""
            select quote_ident(a.attname), t.typname, t.typcategory, format_type(a.atttypid, a.atttypmod)
            from pg_catalog.pg_attribute a
            join pg_catalog.pg_type t on t.oid = a.atttypid
            where a.attrelid = ('public.' || quote_ident($1))::regclass and a.attnum > 0 and not a.attisdropped
              and a.attnotnull and not a.atthasdef and a.attidentity = '' and a.attgenerated = ''
            order by a.attnum
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        var columns = new List<string>();
        var values = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                var (column, type, category, formatted) = (reader.GetString(0), reader.GetString(1), reader.GetChar(2), reader.GetString(3));
                columns.Add(column);
                values.Add((category, type) switch
                {
                    (_, "bpchar") => "'USD'",
                    ('S', _) => $"$1::{formatted}",
                    ('N', _) => "1",
                    ('B', _) => "true",
                    (_, "date") => "date '2024-01-16' - (floor(random() * 3000))::int",
                    (_, "timestamptz" or "timestamp") => "now()",
                    (_, "time" or "timetz") => "'09:30'",
                    (_, "json" or "jsonb") => "'{}'",
                    (_, "uuid") => "gen_random_uuid()",
                    ('A', _) => "'{}'",
                    ('E', _) => $"(enum_range(null::{formatted}))[1]",
                    _ => throw new InvalidOperationException(
                        $"cannot generate a value for {table}.{column} of type {formatted}: add the table to ServiceRows.InsertSql"),
                });
            }
        }

        var target = "public." + Catalog.Quote(table);
        // Every statement references $1, so that its type is known even where no value uses it.
        return columns.Count == 0
            ? $"with token as (select $1::text) insert into {target} default values"
            : $"insert into {target} ({string.Join(", ", columns)}) select {string.Join(", ", values)} where $1::text is not null";
    }
}
