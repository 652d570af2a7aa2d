using Npgsql;

namespace PortfolioTracker.ServiceDefaults.Data;

public static class DatabaseExtensions
{
    /// <summary>Name of the connection string (role <c>authenticator</c>) every service reads.</summary>
    public const string ConnectionName = "portfolio-db";

    /// <summary>
    /// The pooled <see cref="NpgsqlDataSource"/> through Aspire's Npgsql client integration (its
    /// health check, traces and metrics included) and the <see cref="RlsDatabase"/> over it.
    /// </summary>
    /// <param name="configureConnection">Session settings a service needs beyond the defaults.</param>
    public static TBuilder AddRlsDatabase<TBuilder>(this TBuilder builder, Action<NpgsqlConnectionStringBuilder>? configureConnection = null)
        where TBuilder : IHostApplicationBuilder
    {
        var applicationName = builder.Environment.ApplicationName;
        builder.AddNpgsqlDataSource(ConnectionName, configureDataSourceBuilder: dataSource =>
        {
            var connection = dataSource.ConnectionStringBuilder;
            connection.ApplicationName ??= applicationName;
            ApplyStatementPreparation(connection);
            configureConnection?.Invoke(connection);
        });
        builder.Services.AddSingleton<RlsDatabase>();
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
}
