namespace PortfolioTracker.Operations.Maintenance;

/// <summary>
/// What runs when, as the specification's "Database Maintenance Tasks" schedule it:
/// <list type="bullet">
/// <item>daily: expired cache rows deleted, ANALYZE of the busy tables;</item>
/// <item>weekly: VACUUM ANALYZE of transactions, historical_prices and holdings; unused and
/// bloated indexes and table sizes reported;</item>
/// <item>monthly: the integrity check (constraint violations, RLS validation), the metrics
/// cache's performance, audit rows older than the retention age archived, ANALYZE of the whole
/// database.</item>
/// </list>
/// </summary>
public enum MaintenanceCadence
{
    Daily,
    Weekly,
    Monthly,
}
