namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>
/// Who may do what, as the specification's access matrix and DESIGN.md say. The user tables
/// the matrix tests are taken from the catalog (RLS on, a user_id column); these lists name
/// the tables the contract promises, so a missing or unclassified table is reported too.
/// </summary>
public static class AccessMatrix
{
    /// <summary>Owner-only for authenticated, everything for service_role.</summary>
    public static readonly IReadOnlyList<string> UserTables =
    [
        "user_profiles", "portfolios", "transactions", "holdings", "watchlist", "price_alerts",
        "user_dividends", "dividend_sync_state", "portfolio_caches", "portfolio_metrics_cache",
        "user_currency_cache", "rate_limits", "audit_log", "ledger_checkpoints",
    ];

    /// <summary>Readable by authenticated, written by service_role only.</summary>
    public static readonly IReadOnlyList<string> MarketTables =
    [
        "stocks", "historical_prices", "company_financials", "forex_rates", "symbol_exchanges", "market_holidays",
        "dividend_events",
    ];

    /// <summary>service_role only: authenticated has no grant at all.</summary>
    public static readonly IReadOnlyList<string> SystemTables =
    [
        "api_cache", "api_usage", "circuit_breaker_state",
    ];

    /// <summary>User tables whose every change writes audit_log through a trigger.</summary>
    public static readonly IReadOnlyList<string> AuditedTables =
    [
        "user_profiles", "portfolios", "transactions", "holdings", "watchlist", "price_alerts",
        "user_dividends", "dividend_sync_state",
    ];

    /// <summary>Read-only for its owner: rows are written by SECURITY DEFINER triggers only.</summary>
    public const string AuditLog = "audit_log";

    /// <summary>The migrator's journal: not user data, exempt from RLS, closed to the API roles.</summary>
    public const string Journal = "schema_migrations";

    public const string InsufficientPrivilege = "42501";
}
