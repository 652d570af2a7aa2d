using Npgsql;
using PortfolioTracker.MarketData.Providers;
using PortfolioTracker.MarketData.Providers.Resilience;

namespace PortfolioTracker.MarketData.Data;

/// <summary>
/// SQL for provider state in <c>circuit_breaker_state</c>, <c>api_usage</c> and <c>api_cache</c>:
/// system tables only <c>service_role</c> may touch, so every unit of work runs as that role.
/// Implements the providers' <see cref="IProviderStateStore"/>, so the providers never see SQL.
/// </summary>
public sealed class ProviderStateRepository(RlsDatabase database) : IProviderStateStore
{
    public Task<CircuitBreakerSnapshot?> LoadBreakerAsync(string service, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.ServiceRole, async session =>
        {
            await using var reader = await session.ExecuteReaderAsync(
                """
                select circuit_state, failure_count, last_failure_time, last_success_time
                from circuit_breaker_state where service_name = $1
                """,
                cancellationToken, service);
            return await reader.ReadAsync(cancellationToken)
                ? new CircuitBreakerSnapshot(
                    ParseState(reader.GetString(0)),
                    reader.GetInt32(1),
                    OptionalTimestamp(reader, 2),
                    OptionalTimestamp(reader, 3))
                : null;
        }, cancellationToken);

    public Task SaveBreakerAsync(string service, CircuitBreakerSnapshot snapshot, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.ServiceRole, session => session.ExecuteNonQueryAsync(
            """
            insert into circuit_breaker_state
                (service_name, failure_count, last_failure_time, circuit_state, last_success_time, created_at, updated_at)
            values ($1, $2, $3, $4, $5, now(), now())
            on conflict (service_name) do update set
                failure_count = excluded.failure_count,
                last_failure_time = excluded.last_failure_time,
                circuit_state = excluded.circuit_state,
                last_success_time = excluded.last_success_time,
                updated_at = now()
            """,
            cancellationToken,
            service, snapshot.ConsecutiveFailures, Timestamp(snapshot.LastFailureAt), StateText(snapshot.State), Timestamp(snapshot.LastSuccessAt)),
            cancellationToken);

    public Task<int> GetCallCountAsync(string service, DateOnly day, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.ServiceRole, session => session.ExecuteScalarAsync<int>(
            "select call_count from api_usage where service = $1 and date = $2",
            cancellationToken, service, day), cancellationToken);

    public Task<int> RecordCallAsync(string service, DateOnly day, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.ServiceRole, session => session.ExecuteScalarAsync<int>(
            """
            insert into api_usage (service, date, call_count) values ($1, $2, 1)
            on conflict (service, date) do update set call_count = api_usage.call_count + 1
            returning call_count
            """,
            cancellationToken, service, day), cancellationToken);

    public Task<string?> GetCachedAsync(string cacheKey, DateTimeOffset now, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.ServiceRole, session => session.ExecuteScalarAsync<string>(
            "select data::text from api_cache where cache_key = $1 and expires_at > $2",
            cancellationToken, cacheKey, now), cancellationToken);

    public Task SetCachedAsync(string cacheKey, string json, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        database.RunAsync(DbClaims.ServiceRole, session => session.ExecuteNonQueryAsync(
            """
            insert into api_cache (cache_key, data, created_at, expires_at) values ($1, $2::jsonb, $3, $4)
            on conflict (cache_key) do update set
                data = excluded.data, created_at = excluded.created_at, expires_at = excluded.expires_at
            """,
            cancellationToken, cacheKey, json, now, expiresAt), cancellationToken);

    private static string StateText(CircuitState state) => state switch
    {
        CircuitState.Open => "open",
        CircuitState.HalfOpen => "half_open",
        _ => "closed",
    };

    private static CircuitState ParseState(string text) => text switch
    {
        "open" => CircuitState.Open,
        "half_open" => CircuitState.HalfOpen,
        _ => CircuitState.Closed,
    };

    // timestamptz takes UTC offsets only; a typed null keeps Postgres from guessing.
    private static NpgsqlParameter Timestamp(DateTimeOffset? value) => new()
    {
        NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz,
        Value = value is { } v ? v.ToUniversalTime() : DBNull.Value,
    };

    private static DateTimeOffset? OptionalTimestamp(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
