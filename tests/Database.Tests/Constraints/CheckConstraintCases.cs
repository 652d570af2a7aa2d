namespace PortfolioTracker.Database.Tests.Constraints;

/// <summary>One CHECK constraint, a row that breaks only it, and a row just inside it.</summary>
public sealed record CheckConstraintCase(string Constraint, string Table, string ViolatingSql, string BoundarySql);

/// <summary>
/// Every CHECK constraint of schema public, as data: a violating insert and a boundary insert
/// each. Both start from the table's valid row below and change only the columns named, so a
/// violating row breaks exactly one constraint. SQL may use <c>@user</c> (a user created for the
/// test) and <c>@portfolio</c> (a portfolio of that user). Market and system rows use keys no
/// other test uses (ZZCHECK, constraint-test), since those tables are shared by all users.
/// <see cref="CheckConstraintTests.EveryCheckConstraintInSchemaPublicHasACase"/> fails when a
/// constraint is added without a case here.
/// </summary>
public static class CheckConstraintCases
{
    private static readonly Dictionary<string, (string Column, string Value)[]> ValidRows = new()
    {
        ["user_profiles"] = [("user_id", "@user"), ("first_name", "'Ada'"), ("last_name", "'Lovelace'"), ("country", "'GB'"), ("base_currency", "'GBP'")],
        ["portfolios"] = [("user_id", "@user"), ("name", "'Constraint test'")],
        ["transactions"] =
        [
            ("user_id", "@user"), ("portfolio_id", "@portfolio"), ("transaction_type", "'BUY'"), ("symbol", "'AAPL'"),
            ("quantity", "10"), ("price", "150.75"), ("date", "date '2024-01-15'"), ("currency", "'USD'"), ("commission", "0.99"),
            ("exchange_rate", "1"),
        ],
        ["stocks"] = [("symbol", "'ZZCHECK'"), ("company_name", "'Check Corp'"), ("exchange", "'NASDAQ'"), ("currency", "'USD'")],
        ["user_dividends"] =
        [
            ("user_id", "@user"), ("symbol", "'IBM'"), ("ex_date", "date '2024-02-08'"), ("pay_date", "date '2024-03-09'"),
            ("amount", "1.66"), ("currency", "'USD'"), ("shares_held_at_ex_date", "10"), ("current_holdings", "10"),
            ("total_amount", "16.60"), ("status", "'pending'"), ("dividend_type", "'cash'"), ("source", "'alpha_vantage'"),
        ],
        ["holdings"] = [("user_id", "@user"), ("portfolio_id", "@portfolio"), ("symbol", "'AAPL'"), ("quantity", "10"), ("average_price", "150.75")],
        ["watchlist"] = [("user_id", "@user"), ("symbol", "'AAPL'"), ("target_price", "200")],
        ["price_alerts"] = [("user_id", "@user"), ("symbol", "'AAPL'"), ("target_price", "200"), ("condition", "'above'")],
        ["dividend_sync_state"] =
        [
            ("user_id", "@user"), ("status", "'succeeded'"), ("last_started_at", "timestamptz '2024-01-01 10:00:00+00'"),
            ("last_finished_at", "timestamptz '2024-01-01 10:05:00+00'"), ("synced_through", "date '2023-12-31'"), ("dividends_created", "3"),
        ],
        ["portfolio_caches"] = [("user_id", "@user"), ("cache_key", "'positions'"), ("cache_data", "'{}'"), ("expires_at", "now() + interval '1 hour'")],
        ["portfolio_metrics_cache"] = [("user_id", "@user"), ("cache_key", "'performance_1y'"), ("metrics_json", "'{}'"), ("expires_at", "now() + interval '1 hour'")],
        ["user_currency_cache"] = [("user_id", "@user"), ("base_currency", "'USD'"), ("rates", "'{\"EUR\": \"1.08\"}'"), ("expires_at", "now() + interval '1 hour'")],
        ["ledger_checkpoints"] =
        [
            ("user_id", "@user"), ("base_currency", "'USD'"), ("day", "date '2024-06-28'"), ("ledger_version", "7"), ("entry_count", "256"),
            ("first_entry", "date '2024-01-02'"), ("first_cash_flow", "date '2024-01-03'"), ("book", "'\\x01'"), ("facts", "''"),
        ],
        ["rate_limits"] = [("user_id", "@user"), ("action", "'api_call'"), ("attempt_count", "1")],
        ["audit_log"] =
        [
            ("user_id", "@user"), ("action", "'INSERT'"), ("table_name", "'portfolios'"), ("record_key", "jsonb_build_object('id', @portfolio)"),
            ("new_data", "'{}'"),
        ],
        ["historical_prices"] =
        [
            ("symbol", "'ZZCHECK'"), ("date", "date '2024-01-15'"), ("open", "149.50"), ("high", "151.25"), ("low", "148.75"),
            ("close", "150.75"), ("adjusted_close", "150.75"), ("volume", "50000000"), ("dividend_amount", "0"), ("split_coefficient", "1"),
        ],
        ["company_financials"] = [("symbol", "'ZZCHECK'"), ("data_type", "'OVERVIEW'"), ("financial_data", "'{\"Symbol\": \"ZZCHECK\"}'")],
        ["forex_rates"] = [("from_currency", "'XAU'"), ("to_currency", "'XAG'"), ("date", "date '1999-01-04'"), ("rate", "80.5")],
        ["dividend_events"] =
        [
            ("symbol", "'ZZCHECK'"), ("ex_date", "date '2024-02-08'"), ("pay_date", "date '2024-03-09'"), ("amount", "1.66"),
            ("currency", "'USD'"), ("dividend_type", "'cash'"), ("source", "'import'"),
        ],
        ["symbol_exchanges"] = [("symbol", "'ZZCHECK'"), ("exchange", "'ZZEXCHANGE'"), ("exchange_timezone", "'America/New_York'")],
        ["market_holidays"] = [("exchange", "'ZZEXCHANGE'"), ("date", "date '2024-12-25'"), ("name", "'Christmas Day'")],
        ["api_cache"] = [("cache_key", "'constraint-test'"), ("data", "'{}'"), ("expires_at", "now() + interval '1 hour'")],
        ["api_usage"] = [("service", "'constraint-test'"), ("date", "date '2024-01-15'"), ("call_count", "0")],
        ["circuit_breaker_state"] = [("service_name", "'constraint-test'"), ("circuit_state", "'closed'")],
    };

    // now() is the transaction's start, which is also every created_at default in the test.
    private const string Now = "now()";
    private const string JustAfterNow = "now() + interval '1 microsecond'";
    private const string OneYearAhead = "(current_date + interval '1 year')::date";

    public static readonly IReadOnlyList<CheckConstraintCase> All =
    [
        // user_profiles
        Case("user_profiles_currency_check", "user_profiles", [("base_currency", "'gbp'")], [("base_currency", "'EUR'")]),
        Case("user_profiles_names_not_empty_check", "user_profiles", [("first_name", "'  '")], [("first_name", "'A'"), ("last_name", "'B'")]),

        // portfolios
        Case("portfolios_name_not_blank_check", "portfolios", [("name", "' '")], [("name", "'x'")]),

        // transactions
        Case("transactions_transaction_type_check", "transactions", [("transaction_type", "'buy'")], [("transaction_type", "'SELL'")]),
        Case("transactions_quantity_positive_check", "transactions", [("quantity", "0")], [("transaction_type", "'WITHDRAWAL'"), ("quantity", "0")]),
        Case("transactions_price_positive_check", "transactions", [("transaction_type", "'DIVIDEND'"), ("price", "0")], [("transaction_type", "'SPLIT'"), ("quantity", "2"), ("price", "0")]),
        Case("transactions_symbol_check", "transactions", [("symbol", "'aapl'")], [("symbol", "'BRK.B'")]),
        Case("transactions_currency_check", "transactions", [("currency", "'US'")], [("currency", "'JPY'")]),
        Case("transactions_date_not_future_check", "transactions", [("date", "current_date + 1")], [("date", "current_date")]),
        Case("transactions_commission_non_negative_check", "transactions", [("commission", "-0.01")], [("commission", "0")]),
        Case("transactions_exchange_rate_positive_check", "transactions", [("exchange_rate", "0")], [("exchange_rate", "0.000001")]),
        // 023 numeric bounds (NumericBounds); their decimal places: DecimalPlaces below.
        Case("transactions_quantity_range_check", "transactions",
            [("quantity", "1000000000000.5"), ("price", "1")], [("quantity", "1000000000000"), ("price", "1")]),
        Case("transactions_price_range_check", "transactions",
            [("quantity", "1"), ("price", "1000000000.01")], [("quantity", "1"), ("price", "1000000000")]),
        Case("transactions_commission_range_check", "transactions",
            // Above 1e15 the commission alone also breaks transactions_amount_range_check, which runs first.
            [("commission", "0.00000000000000001")], [("quantity", "0"), ("transaction_type", "'FEE'"), ("price", "1"), ("commission", "1000000000000000")]),
        Case("transactions_amount_range_check", "transactions",
            [("quantity", "1000000000000"), ("price", "1000"), ("commission", "0.01")],
            [("quantity", "1000000000000"), ("price", "999.99"), ("commission", "10000000000")]),
        Case("transactions_exchange_rate_range_check", "transactions", [("exchange_rate", "0.0000000009")], [("exchange_rate", "0.000000001")]),

        // stocks
        Case("stocks_symbol_check", "stocks", [("symbol", "'zzcheck'")], [("symbol", "'ZZCHECK.B'")]),
        Case("stocks_currency_check", "stocks", [("currency", "'usd'")], [("currency", "'CHF'")]),
        Case("stocks_classification_not_blank_check", "stocks", [("sector", "' '")], [("sector", "'X'"), ("industry", "'Y'"), ("country", "'Z'")]),

        // user_dividends
        Case("user_dividends_symbol_check", "user_dividends", [("symbol", "'ibm'")], [("symbol", "'BRK.B'")]),
        Case("user_dividends_amount_positive_check", "user_dividends",
            [("amount", "0"), ("total_amount", "null")], [("amount", "0.0001"), ("total_amount", "0.001")]),
        Case("user_dividends_currency_check", "user_dividends", [("currency", "'EURO'")], [("currency", "'SEK'")]),
        Case("user_dividends_shares_held_non_negative_check", "user_dividends",
            [("shares_held_at_ex_date", "-1"), ("total_amount", "null")], [("shares_held_at_ex_date", "0"), ("total_amount", "0")]),
        Case("user_dividends_current_holdings_non_negative_check", "user_dividends", [("current_holdings", "-1")], [("current_holdings", "0")]),
        Case("user_dividends_total_amount_non_negative_check", "user_dividends",
            [("shares_held_at_ex_date", "null"), ("total_amount", "-0.01")], [("shares_held_at_ex_date", "null"), ("total_amount", "0")]),
        Case("user_dividends_status_check", "user_dividends", [("status", "'accepted'")], [("status", "'rejected'")]),
        Case("user_dividends_dividend_type_check", "user_dividends", [("dividend_type", "'special'")], [("dividend_type", "'drp'")]),
        Case("user_dividends_source_check", "user_dividends", [("source", "'yahoo'")], [("source", "'broker'")]),
        Case("user_dividends_ex_date_reasonable_check", "user_dividends",
            [("ex_date", OneYearAhead + " + 1"), ("pay_date", "null")], [("ex_date", OneYearAhead), ("pay_date", "null")]),
        Case("user_dividends_pay_after_ex_check", "user_dividends", [("pay_date", "date '2024-02-07'")], [("pay_date", "date '2024-02-08'")]),
        // 10 shares of 1.66: the total may differ from 16.60 by less than 0.01.
        Case("user_dividends_total_calculation_check", "user_dividends", [("total_amount", "16.61")], [("total_amount", "16.609")]),
        Case("user_dividends_tax_withheld_range_check", "user_dividends", [("tax_withheld", "-0.01")], [("tax_withheld", "0")]),
        // Withholding tax is part of the gross total: it may reach it, never exceed it.
        Case("user_dividends_withholding_within_total_check", "user_dividends", [("tax_withheld", "16.61")], [("tax_withheld", "16.60")]),

        // holdings
        Case("holdings_symbol_check", "holdings", [("symbol", "'aapl'")], [("symbol", "'BRK.B'")]),
        Case("holdings_quantity_non_negative_check", "holdings", [("quantity", "-1")], [("quantity", "0")]),
        Case("holdings_average_price_positive_check", "holdings",
            [("quantity", "0.0001"), ("average_price", "0")], [("quantity", "0"), ("average_price", "null")]),

        // watchlist
        Case("watchlist_symbol_check", "watchlist", [("symbol", "'aapl'")], [("symbol", "'BRK.B'")]),
        Case("watchlist_target_price_positive_check", "watchlist", [("target_price", "0")], [("target_price", "0.0001")]),
        Case("watchlist_target_price_range_check", "watchlist", [("target_price", "1000000000.01")], [("target_price", "1000000000")]),

        // price_alerts
        Case("price_alerts_symbol_check", "price_alerts", [("symbol", "'aapl'")], [("symbol", "'BRK.B'")]),
        Case("price_alerts_condition_check", "price_alerts", [("condition", "'ABOVE'")], [("condition", "'below'")]),
        Case("price_alerts_target_price_positive_check", "price_alerts", [("target_price", "0")], [("target_price", "0.0001")]),
        Case("price_alerts_target_price_range_check", "price_alerts", [("target_price", "1000000000.01")], [("target_price", "1000000000")]),
        Case("price_alerts_triggered_price_positive_check", "price_alerts", [("triggered_price", "0")], [("triggered_price", "0.0001")]),

        // dividend_sync_state
        Case("dividend_sync_state_status_check", "dividend_sync_state", [("status", "'done'")], [("status", "'idle'")]),
        Case("dividend_sync_state_dividends_created_non_negative_check", "dividend_sync_state", [("dividends_created", "-1")], [("dividends_created", "0")]),
        Case("dividend_sync_state_counts_non_negative_check", "dividend_sync_state",
            [("dividends_removed", "-1")], [("dividends_updated", "0"), ("dividends_removed", "0")]),
        Case("dividend_sync_state_error_only_when_failed_check", "dividend_sync_state",
            [("last_error", "'provider down'")], [("status", "'failed'"), ("last_error", "'provider down'")]),
        Case("dividend_sync_state_finished_after_started_check", "dividend_sync_state",
            [("last_finished_at", "timestamptz '2024-01-01 09:59:59.999999+00'")], [("last_finished_at", "timestamptz '2024-01-01 10:00:00+00'")]),

        // portfolio_caches
        Case("portfolio_caches_cache_key_not_blank_check", "portfolio_caches", [("cache_key", "''")], [("cache_key", "'k'")]),
        Case("portfolio_caches_expires_after_created_check", "portfolio_caches", [("expires_at", Now)], [("expires_at", JustAfterNow)]),

        // portfolio_metrics_cache
        Case("portfolio_metrics_cache_cache_key_not_blank_check", "portfolio_metrics_cache", [("cache_key", "' '")], [("cache_key", "'k'")]),
        Case("portfolio_metrics_cache_cache_version_positive_check", "portfolio_metrics_cache", [("cache_version", "0")], [("cache_version", "1")]),
        Case("portfolio_metrics_cache_hit_count_check", "portfolio_metrics_cache", [("hit_count", "-1")], [("hit_count", "0")]),
        Case("portfolio_metrics_cache_computation_time_check", "portfolio_metrics_cache", [("computation_time_ms", "-1")], [("computation_time_ms", "0")]),
        Case("portfolio_metrics_cache_size_non_negative_check", "portfolio_metrics_cache", [("cache_size_bytes", "-1")], [("cache_size_bytes", "0")]),
        Case("portfolio_metrics_cache_expires_after_created_check", "portfolio_metrics_cache", [("expires_at", Now)], [("expires_at", JustAfterNow)]),
        Case("portfolio_metrics_cache_dependencies_array_check", "portfolio_metrics_cache", [("dependencies", "'{}'")], [("dependencies", "'[]'")]),
        Case("portfolio_metrics_cache_invalidation_reason_check", "portfolio_metrics_cache",
            [("invalidated_at", Now)], [("invalidated_at", Now), ("invalidation_reason", "'transactions changed'")]),

        // ledger_checkpoints
        Case("ledger_checkpoints_base_currency_check", "ledger_checkpoints", [("base_currency", "'usd'")], [("base_currency", "'EUR'")]),
        Case("ledger_checkpoints_ledger_version_check", "ledger_checkpoints", [("ledger_version", "0")], [("ledger_version", "1")]),
        Case("ledger_checkpoints_entry_count_check", "ledger_checkpoints", [("entry_count", "0")], [("entry_count", "1")]),
        Case("ledger_checkpoints_first_entry_check", "ledger_checkpoints",
            [("first_entry", "date '2024-06-29'"), ("first_cash_flow", "null")], [("first_entry", "date '2024-06-28'"), ("first_cash_flow", "null")]),
        Case("ledger_checkpoints_first_cash_flow_check", "ledger_checkpoints", [("first_cash_flow", "date '2024-06-29'")], [("first_cash_flow", "date '2024-06-28'")]),
        Case("ledger_checkpoints_book_not_empty_check", "ledger_checkpoints", [("book", "''")], [("book", "'\\x00'")]),
        // user_currency_cache
        Case("user_currency_cache_base_currency_check", "user_currency_cache", [("base_currency", "'usd'")], [("base_currency", "'JPY'")]),
        Case("user_currency_cache_rates_object_check", "user_currency_cache", [("rates", "'[]'")], [("rates", "'{}'")]),
        Case("user_currency_cache_expires_after_created_check", "user_currency_cache", [("expires_at", Now)], [("expires_at", JustAfterNow)]),

        // rate_limits
        Case("rate_limits_action_not_blank_check", "rate_limits", [("action", "' '")], [("action", "'x'")]),
        Case("rate_limits_attempt_count_non_negative_check", "rate_limits", [("attempt_count", "-1")], [("attempt_count", "0")]),

        // audit_log
        Case("audit_log_action_check", "audit_log", [("action", "'insert'")], [("action", "'UPDATE'"), ("old_data", "'{}'")]),
        Case("audit_log_data_matches_action_check", "audit_log", [("old_data", "'{}'")], [("action", "'DELETE'"), ("old_data", "'{}'"), ("new_data", "null")]),
        Case("audit_log_record_key_object_check", "audit_log", [("record_key", "'[]'")], [("record_key", "'{}'")]),
        Case("audit_log_erased_without_data_check", "audit_log", [("erased_at", "now()")], [("erased_at", "now()"), ("new_data", "null")]),

        // historical_prices
        Case("historical_prices_symbol_check", "historical_prices", [("symbol", "'zzcheck'")], [("symbol", "'ZZCHECK.B'")]),
        Case("historical_prices_ohlc_logical_check", "historical_prices",
            [("close", "151.26")], [("open", "148.75"), ("close", "151.25"), ("adjusted_close", "0.0001")]),
        Case("historical_prices_volume_non_negative_check", "historical_prices", [("volume", "-1")], [("volume", "0")]),
        Case("historical_prices_dividend_non_negative_check", "historical_prices", [("dividend_amount", "-0.01")], [("dividend_amount", "0")]),
        Case("historical_prices_split_positive_check", "historical_prices", [("split_coefficient", "0")], [("split_coefficient", "0.1")]),
        Case("historical_prices_price_range_check", "historical_prices",
            [("high", "1000000000.01")], [("high", "1000000000")]),
        Case("historical_prices_split_range_check", "historical_prices", [("split_coefficient", "1000000.5")], [("split_coefficient", "1000000")]),

        // company_financials
        Case("company_financials_symbol_check", "company_financials", [("symbol", "'zzcheck'")], [("symbol", "'ZZCHECK.B'")]),
        Case("company_financials_data_type_not_blank_check", "company_financials", [("data_type", "' '")], [("data_type", "'X'")]),
        Case("company_financials_financial_data_object_check", "company_financials", [("financial_data", "'[]'")], [("financial_data", "'{}'")]),

        // forex_rates
        Case("forex_rates_rate_positive_check", "forex_rates", [("rate", "0")], [("rate", "0.000001")]),
        Case("forex_rates_rate_range_check", "forex_rates", [("rate", "0.0000000009")], [("rate", "0.000000001")]),
        Case("forex_rates_currency_codes_check", "forex_rates", [("to_currency", "'XAU'")], [("to_currency", "'XPT'")]),

        // dividend_events
        Case("dividend_events_symbol_check", "dividend_events", [("symbol", "'zzcheck'")], [("symbol", "'ZZCHECK.B'")]),
        Case("dividend_events_amount_positive_check", "dividend_events", [("amount", "0")], [("amount", "0.0000000000000001")]),
        Case("dividend_events_amount_range_check", "dividend_events", [("amount", "1000000000.01")], [("amount", "1000000000")]),
        Case("dividend_events_currency_check", "dividend_events", [("currency", "'usd'")], [("currency", "'CHF'")]),
        Case("dividend_events_dividend_type_check", "dividend_events", [("dividend_type", "'special'")], [("dividend_type", "'drp'")]),
        Case("dividend_events_source_check", "dividend_events", [("source", "'manual'")], [("source", "'alpha_vantage'")]),
        Case("dividend_events_pay_after_ex_check", "dividend_events", [("pay_date", "date '2024-02-07'")], [("pay_date", "date '2024-02-08'")]),

        // symbol_exchanges
        Case("symbol_exchanges_symbol_check", "symbol_exchanges", [("symbol", "'zzcheck'")], [("symbol", "'ZZCHECK.B'")]),
        Case("symbol_exchanges_exchange_not_blank_check", "symbol_exchanges", [("exchange_timezone", "' '")], [("exchange", "'X'"), ("exchange_timezone", "'UTC'")]),
        Case("symbol_exchanges_session_check", "symbol_exchanges",
            [("market_open_time", "'16:00'"), ("market_close_time", "'16:00'")], [("market_open_time", "'15:59:59'"), ("market_close_time", "'16:00'")]),

        // market_holidays
        Case("market_holidays_exchange_not_blank_check", "market_holidays", [("exchange", "' '")], [("exchange", "'X'")]),
        Case("market_holidays_name_not_blank_check", "market_holidays", [("name", "''")], [("name", "'X'")]),

        // api_cache
        Case("api_cache_cache_key_not_blank_check", "api_cache", [("cache_key", "' '")], [("cache_key", "'k'")]),
        Case("api_cache_expires_after_created_check", "api_cache", [("expires_at", Now)], [("expires_at", JustAfterNow)]),

        // api_usage
        Case("api_usage_service_not_blank_check", "api_usage", [("service", "''")], [("service", "'x'")]),
        Case("api_usage_call_count_non_negative_check", "api_usage", [("call_count", "-1")], [("call_count", "0")]),

        // circuit_breaker_state
        Case("circuit_breaker_state_service_name_not_blank_check", "circuit_breaker_state", [("service_name", "' '")], [("service_name", "'x'")]),
        Case("circuit_breaker_state_failure_count_non_negative_check", "circuit_breaker_state", [("failure_count", "-1")], [("failure_count", "0")]),
        Case("circuit_breaker_state_circuit_state_check", "circuit_breaker_state", [("circuit_state", "'half-open'")], [("circuit_state", "'half_open'")]),
    ];

    /// <summary>
    /// The other half of the 023 range checks: a 17th decimal place breaks them, a 16th does not
    /// (0.3333333333333333 is what broker files write for a third of a share).
    /// </summary>
    public static readonly IReadOnlyList<CheckConstraintCase> DecimalPlaces =
    [
        Case("transactions_quantity_range_check", "transactions", [("quantity", "0.33333333333333333")], [("quantity", "0.3333333333333333")]),
        Case("transactions_price_range_check", "transactions", [("price", "150.00000000000000001")], [("price", "150.0000000000000001")]),
        Case("transactions_exchange_rate_range_check", "transactions", [("exchange_rate", "1.00000000000000001")], [("exchange_rate", "1.0000000000000001")]),
        Case("historical_prices_price_range_check", "historical_prices", [("close", "150.00000000000000001")], [("close", "150.0000000000000001")]),
        Case("historical_prices_split_range_check", "historical_prices", [("split_coefficient", "1.00000000000000001")], [("split_coefficient", "1.0000000000000001")]),
        Case("forex_rates_rate_range_check", "forex_rates", [("rate", "80.50000000000000001")], [("rate", "80.5000000000000001")]),
        Case("dividend_events_amount_range_check", "dividend_events", [("amount", "1.66000000000000001")], [("amount", "1.6600000000000001")]),
        Case("watchlist_target_price_range_check", "watchlist", [("target_price", "200.00000000000000001")], [("target_price", "200.0000000000000001")]),
        Case("price_alerts_target_price_range_check", "price_alerts", [("target_price", "200.00000000000000001")], [("target_price", "200.0000000000000001")]),
    ];

    /// <summary>
    /// The 025 types under the transaction checks: INTEREST follows DIVIDEND's rules (quantity
    /// and price above 0), TAX follows FEE's (0 allowed); each name is "constraint/what".
    /// </summary>
    public static readonly IReadOnlyList<(string Name, CheckConstraintCase Case)> InterestAndTax =
    [
        ("transactions_transaction_type_check/INTEREST and TAX are types", Case("transactions_transaction_type_check", "transactions",
            [("transaction_type", "'interest'")], [("transaction_type", "'INTEREST'"), ("symbol", "'USD'"), ("quantity", "1"), ("price", "12.5")])),
        ("transactions_transaction_type_check/TAX", Case("transactions_transaction_type_check", "transactions",
            [("transaction_type", "'TAXES'")], [("transaction_type", "'TAX'"), ("symbol", "'USD'"), ("quantity", "1"), ("price", "3")])),
        ("transactions_quantity_positive_check/INTEREST", Case("transactions_quantity_positive_check", "transactions",
            [("transaction_type", "'INTEREST'"), ("quantity", "0")], [("transaction_type", "'INTEREST'"), ("quantity", "0.0000000000000001")])),
        ("transactions_quantity_positive_check/TAX", Case("transactions_quantity_positive_check", "transactions",
            [("transaction_type", "'TAX'"), ("quantity", "-1")], [("transaction_type", "'TAX'"), ("quantity", "0")])),
        ("transactions_price_positive_check/INTEREST", Case("transactions_price_positive_check", "transactions",
            [("transaction_type", "'INTEREST'"), ("price", "0")], [("transaction_type", "'INTEREST'"), ("price", "0.0000000000000001")])),
        ("transactions_price_positive_check/TAX", Case("transactions_price_positive_check", "transactions",
            [("transaction_type", "'TAX'"), ("price", "-1")], [("transaction_type", "'TAX'"), ("price", "0")])),
    ];

    public static CheckConstraintCase For(string constraint) =>
        All.SingleOrDefault(c => c.Constraint == constraint)
        ?? throw new KeyNotFoundException($"no case for {constraint}");

    private static CheckConstraintCase Case(
        string constraint, string table, (string Column, string Value)[] violating, (string Column, string Value)[] boundary) =>
        new(constraint, table, Insert(table, violating), Insert(table, boundary));

    /// <summary>The table's valid row with <paramref name="changes"/> applied (a column not in it is added).</summary>
    private static string Insert(string table, (string Column, string Value)[] changes)
    {
        var row = ValidRows[table].ToList();
        foreach (var (column, value) in changes)
        {
            var index = row.FindIndex(c => c.Column == column);
            if (index >= 0)
            {
                row[index] = (column, value);
            }
            else
            {
                row.Add((column, value));
            }
        }

        return $"insert into public.{table} ({string.Join(", ", row.Select(c => c.Column))}) values ({string.Join(", ", row.Select(c => c.Value))})";
    }
}
