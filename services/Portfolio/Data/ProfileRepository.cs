using Npgsql;
using PortfolioTracker.Portfolio.Domain.Profile;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

/// <summary>SQL for <c>user_profiles</c>: at most one row per user (unique <c>user_id</c>).</summary>
public sealed class ProfileRepository
{
    private const string Columns = "first_name, last_name, country, base_currency";

    /// <summary>The stored profile, or null when the user never saved one.</summary>
    public async Task<UserProfile?> GetAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from user_profiles where user_id = $1", ct, userId);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>The stored base currency (null without a profile) and every currency the user trades in.</summary>
    public async Task<(string? BaseCurrency, IReadOnlyList<string> Traded)> CurrenciesAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select (select base_currency from user_profiles where user_id = $1),
                   array(select distinct currency from transactions where user_id = $1 order by 1)
            """,
            ct, userId);
        await reader.ReadAsync(ct);
        return (reader.IsDBNull(0) ? null : reader.GetString(0), reader.GetFieldValue<string[]>(1));
    }

    /// <summary>Creates the profile or replaces every field of the existing one.</summary>
    public async Task<UserProfile> UpsertAsync(RlsSession session, Guid userId, UserProfile profile, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            insert into user_profiles (user_id, first_name, last_name, country, base_currency)
            values ($1, $2, $3, $4, $5)
            on conflict (user_id) do update set
              first_name = excluded.first_name,
              last_name = excluded.last_name,
              country = excluded.country,
              base_currency = excluded.base_currency
            returning {Columns}
            """,
            ct,
            userId, profile.FirstName, profile.LastName, profile.Country, profile.BaseCurrency);
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    private static UserProfile Read(NpgsqlDataReader reader) =>
        new(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3));
}
