namespace PortfolioTracker.TestSupport;

/// <summary>
/// One valid row per user-owned table, owned by the user id given as <c>$1</c>. The isolation
/// matrix takes its table list from the catalog, so a new user table without a sample row
/// here makes it fail: add the row together with the table. Each statement must insert
/// exactly one row into its table (and may create rows it depends on, owned by $1, first).
/// </summary>
public static class SampleRows
{
    public static readonly IReadOnlyDictionary<string, string> InsertOwnedBy = new Dictionary<string, string>
    {
        ["user_profiles"] =
            "insert into user_profiles (user_id, first_name, last_name, country, base_currency) values ($1, 'Ada', 'Lovelace', 'GB', 'GBP')",
        ["portfolios"] =
            "insert into portfolios (user_id, name) values ($1, 'Sample ' || gen_random_uuid())",
        ["transactions"] =
            """
            with p as (insert into portfolios (user_id, name) values ($1, 'For transactions ' || gen_random_uuid()) returning id)
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            select $1, p.id, 'BUY', 'AAPL', 10, 150.75, date '2024-01-15', 'USD' from p
            """,
        // Confirmed: a pending row is a sync's proposal, which the audit leaves out (migration 075).
        ["user_dividends"] =
            "insert into user_dividends (user_id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount, status) values ($1, 'IBM', date '2024-02-08', date '2024-03-09', 1.66, 'USD', 10, 16.60, 'confirmed')",
        ["holdings"] =
            """
            with p as (insert into portfolios (user_id, name) values ($1, 'For holdings ' || gen_random_uuid()) returning id)
            insert into holdings (user_id, portfolio_id, symbol, quantity, average_price)
            select $1, p.id, 'AAPL', 10, 150.75 from p
            """,
        ["watchlist"] =
            "insert into watchlist (user_id, symbol, notes, target_price) values ($1, 'MSFT', 'Sample', 450)",
        ["price_alerts"] =
            "insert into price_alerts (user_id, symbol, target_price, condition) values ($1, 'AAPL', 200, 'above')",
        ["dividend_sync_state"] =
            "insert into dividend_sync_state (user_id, status, last_started_at, last_finished_at, synced_through, dividends_created) values ($1, 'succeeded', now(), now(), date '2024-06-30', 2)",
        ["portfolio_caches"] =
            "insert into portfolio_caches (user_id, cache_key, cache_data, expires_at) values ($1, 'positions:' || gen_random_uuid(), '{\"positions\": []}', now() + interval '1 hour')",
        ["portfolio_metrics_cache"] =
            "insert into portfolio_metrics_cache (user_id, cache_key, metrics_json, expires_at, dependencies) values ($1, 'performance_1y:' || gen_random_uuid(), '{\"total_value\": \"15075.00\"}', now() + interval '1 hour', '[\"transactions\", \"AAPL\"]')",
        ["user_currency_cache"] =
            "insert into user_currency_cache (user_id, base_currency, rates, rates_date, expires_at) values ($1, 'USD', '{\"EUR\": \"1.0842\"}', date '2024-01-15', now() + interval '1 hour')",
        ["rate_limits"] =
            "insert into rate_limits (user_id, action) values ($1, 'api_call:' || gen_random_uuid())",
        ["ledger_checkpoints"] =
            "insert into ledger_checkpoints (user_id, base_currency, day, ledger_version, entry_count, first_entry, book, facts) values ($1, 'USD', date '2024-01-15' + (random() * 1000)::int, 1, 1, date '2024-01-15', '\\x01', '\\x01')",
    };
}
