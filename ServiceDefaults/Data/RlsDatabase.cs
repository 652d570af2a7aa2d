using Npgsql;

namespace PortfolioTracker.ServiceDefaults.Data;

/// <summary>
/// The one way services reach Postgres: a pooled connection as <c>authenticator</c>, one
/// transaction per unit of work, the caller's role and claims set with
/// <c>set_config(…, true)</c> so they vanish at commit or rollback. Never a session-level SET.
/// </summary>
public sealed class RlsDatabase(NpgsqlDataSource dataSource)
{
    public async Task<T> RunAsync<T>(DbClaims claims, Func<RlsSession, Task<T>> work, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var result = await work(new RlsSession(connection, transaction, claims));
        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task RunAsync(DbClaims claims, Func<RlsSession, Task> work, CancellationToken cancellationToken) =>
        RunAsync(claims, async session =>
        {
            await work(session);
            return true;
        }, cancellationToken);
}
