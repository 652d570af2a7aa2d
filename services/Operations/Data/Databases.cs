using Npgsql;

namespace PortfolioTracker.OperationsService.Data;

/// <summary>The database owner: maintenance (ANALYZE, VACUUM, archiving), the job journal, setting the monitor's password.</summary>
public sealed record OwnerDatabase(NpgsqlDataSource DataSource, string ConnectionString);

/// <summary>The <c>ops_monitor</c> login (pg_monitor): what the health report reads through.</summary>
public sealed record MonitorDatabase(NpgsqlDataSource DataSource);
