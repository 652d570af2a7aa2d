using Npgsql;
using PortfolioTracker.Database.Tests.Isolation;

namespace PortfolioTracker.Database.Tests.Audit;

/// <summary>One audit_log row as stored (read as the superuser).</summary>
public sealed record AuditRow(
    string Action,
    string TableName,
    Guid UserId,
    Guid? ActorId,
    string? ActorRole,
    Guid? RecordId,
    string? OldData,
    string? NewData);

/// <summary>Reading the audit trail of one row, and the changes the audit tests make.</summary>
public static class AuditTrail
{
    /// <summary>
    /// A real change per audited table: an update that changes only updated_at is not
    /// audited (by design), so "set user_id = user_id" would prove nothing.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string> ChangeSql = new Dictionary<string, string>
    {
        ["user_profiles"] = "first_name = 'Grace'",
        ["portfolios"] = "description = 'changed by the audit test'",
        ["transactions"] = "notes = 'changed by the audit test'",
        ["holdings"] = "quantity = quantity + 1",
        ["watchlist"] = "notes = 'changed by the audit test'",
        ["price_alerts"] = "is_active = not coalesce(is_active, true)",
        ["user_dividends"] = "notes = 'changed by the audit test'",
        ["dividend_sync_state"] = "dividends_created = dividends_created + 1",
    };

    /// <summary>Every audit row of <paramref name="table"/> whose old or new row contains <paramref name="key"/>.</summary>
    public static async Task<IReadOnlyList<AuditRow>> OfRowAsync(DatabaseFixture db, string table, string key)
    {
        await using var command = db.Superuser.CreateCommand("""
            select action, table_name, user_id, actor_id, actor_role, record_id, old_data::text, new_data::text
            from public.audit_log
            where table_name = $1 and (new_data @> $2::jsonb or old_data @> $2::jsonb)
            order by created_at, action
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = table });
        command.Parameters.Add(new NpgsqlParameter { Value = key });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<AuditRow>();
        while (await reader.ReadAsync())
        {
            rows.Add(new AuditRow(
                reader.GetString(0),
                reader.GetString(1),
                reader.GetGuid(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetGuid(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetString(7)));
        }
        return rows;
    }

    /// <summary>Every audit row of a user, as sorted jsonb text.</summary>
    public static Task<string> OfUserAsync(DatabaseFixture db, Guid user) => Catalog.OwnedRowsAsync(db, AccessMatrix.AuditLog, user);

    /// <summary>The SET clause of the test's change to a row of <paramref name="table"/>.</summary>
    public static string ChangeFor(string table) =>
        ChangeSql.TryGetValue(table, out var change)
            ? change
            : throw new InvalidOperationException($"no change listed for {table}: add one to AuditTrail.ChangeSql");

    /// <summary>The row id as the audit stores it in record_id: the uuid "id", if the row has one.</summary>
    public static Guid? IdOf(string rowJson)
    {
        using var document = System.Text.Json.JsonDocument.Parse(rowJson);
        return document.RootElement.TryGetProperty("id", out var id) && id.ValueKind == System.Text.Json.JsonValueKind.String
               && Guid.TryParse(id.GetString(), out var guid)
            ? guid
            : null;
    }
}
