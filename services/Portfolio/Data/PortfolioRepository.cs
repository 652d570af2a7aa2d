using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Data;

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

    public async Task<PortfolioRow> CreateAsync(RlsSession session, Guid userId, string name, string? description, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"insert into portfolios (user_id, name, description) values ($1, $2, $3) returning {Columns}",
            ct, userId, name, Text(description));
        await reader.ReadAsync(ct);
        return Read(reader);
    }

    /// <summary>Renames or re-describes; null leaves a field as it is. Null when the caller has no such portfolio.</summary>
    public async Task<PortfolioRow?> UpdateAsync(RlsSession session, Guid userId, Guid id, string? name, string? description, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"""
            update portfolios set name = coalesce($3, name), description = case when $4::boolean then $5 else description end
            where user_id = $1 and id = $2
            returning {Columns}
            """,
            ct, userId, id, Text(name), description is not null, Text(description == "" ? null : description));
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    /// <summary>Deletes a portfolio (its transactions and holdings cascade). The default one is kept: false, not deleted.</summary>
    public async Task<bool?> DeleteAsync(RlsSession session, Guid userId, Guid id, CancellationToken ct)
    {
        var isDefault = await session.ExecuteScalarAsync<bool?>(
            "select is_default from portfolios where user_id = $1 and id = $2", ct, userId, id);
        if (isDefault is null)
        {
            return null;
        }
        if (isDefault.Value)
        {
            return false;
        }
        await session.ExecuteNonQueryAsync("delete from portfolios where user_id = $1 and id = $2", ct, userId, id);
        return true;
    }

    public async Task<IReadOnlyList<PortfolioRow>> ListAsync(RlsSession session, Guid userId, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            $"select {Columns} from portfolios where user_id = $1 order by is_default desc, name",
            ct, userId);
        var rows = new List<PortfolioRow>();
        while (await reader.ReadAsync(ct))
        {
            rows.Add(Read(reader));
        }
        return rows;
    }

    private const string Columns = "id, name, description, is_default, created_at";

    private static PortfolioRow Read(Npgsql.NpgsqlDataReader reader) => new(
        reader.GetGuid(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetBoolean(3), reader.GetDateTime(4));

    private static Npgsql.NpgsqlParameter Text(string? value) =>
        new() { Value = (object?)value ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
