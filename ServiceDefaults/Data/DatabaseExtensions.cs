using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace PortfolioTracker.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>Name of the connection string (role <c>authenticator</c>) every service reads.</summary>
    public const string ConnectionName = "portfolio-db";

    /// <param name="configureConnection">Session settings a service needs beyond the defaults.</param>
    public static TBuilder AddRlsDatabase<TBuilder>(this TBuilder builder, Action<NpgsqlConnectionStringBuilder>? configureConnection = null)
        where TBuilder : IHostApplicationBuilder
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionName)
            ?? throw new InvalidOperationException($"Connection string '{ConnectionName}' is not configured.");

        var dataSourceBuilder = new NpgsqlDataSourceBuilder(connectionString);
        dataSourceBuilder.ConnectionStringBuilder.ApplicationName ??= builder.Environment.ApplicationName;
        ApplyStatementPreparation(dataSourceBuilder.ConnectionStringBuilder);
        configureConnection?.Invoke(dataSourceBuilder.ConnectionStringBuilder);
        builder.Services.AddSingleton(_ => dataSourceBuilder.Build());
        builder.Services.AddSingleton<RlsDatabase>();
        builder.Services.AddHealthChecks().AddCheck<PostgresHealthCheck>("postgres");
        return builder;
    }

    /// <summary>
    /// Statements a service repeats are prepared on each pooled connection after two uses, so
    /// the planning an RLS policy adds is paid once, not on every request. Safe with the
    /// per-transaction role switch: PostgreSQL re-plans a cached statement whose row-security
    /// decision depended on another role.
    /// </summary>
    public static void ApplyStatementPreparation(NpgsqlConnectionStringBuilder connection)
    {
        if (connection.MaxAutoPrepare == 0)
        {
            connection.MaxAutoPrepare = 64;
            connection.AutoPrepareMinUsages = 2;
        }
    }

    private sealed class PostgresHealthCheck(NpgsqlDataSource dataSource) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var command = dataSource.CreateCommand("select 1");
                await command.ExecuteScalarAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (NpgsqlException exception)
            {
                return HealthCheckResult.Unhealthy("PostgreSQL is unreachable.", exception);
            }
        }
    }
}
