using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

public sealed record PortfolioRow(Guid Id, string Name, string? Description, bool IsDefault, DateTime CreatedAt);

/// <summary>SQL for <c>portfolios</c>.</summary>
public sealed class PortfolioRepository
{
    public const string DefaultName = "Default";

    /// <summary>The caller's default portfolio, created on first use. Concurrent first calls
    /// meet at the unique index on the default flag, so exactly one default exists.</summary>
    public async Task<Guid> EnsureDefaultAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        var id = await session.ExecuteScalarAsync<Guid?>(
            """
            with created as (
                insert into portfolios (user_id, name, is_default) values ($1, $2, true)
                on conflict do nothing
                returning id)
            select id from created
            union all
            select id from portfolios where user_id = $1 and is_default
            limit 1
            """,
            ct, userId, DefaultName);
        // A concurrent first call may have inserted it after this statement's snapshot: look again.
        return id
            ?? await session.ExecuteScalarAsync<Guid?>("select id from portfolios where user_id = $1 and is_default", ct, userId)
            ?? throw new InvalidOperationException("The default portfolio could not be created.");
    }

    public async Task<bool> ExistsAsync(RlsSession session, Guid userId, Guid portfolioId, CancellationToken ct) =>
        await session.ExecuteScalarAsync<bool>(
            "select exists (select 1 from portfolios where user_id = $1 and id = $2)", ct, userId, portfolioId);

    public async Task<IReadOnlyList<PortfolioRow>> ListAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select id, name, description, is_default, created_at from portfolios
            where user_id = $1
            order by is_default desc, name
            """,
            ct, userId);
        var rows = new List<PortfolioRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new PortfolioRow(
                reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                reader.GetBoolean(3), reader.GetDateTime(4)));
        }
        return rows;
    }
}
