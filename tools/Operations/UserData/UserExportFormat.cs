namespace PortfolioTracker.Operations.UserData;

/// <summary>
/// The names and version of the user export document (docs/user-export.md describes it):
/// <code>
/// { "format": "portfolio-tracker.user-export", "version": 1, "scope": "full" | "self-service",
///   "exportedAt": "…", "userId": "…", "schemaVersion": 31,
///   "tables": [ { "table": "auth.users", "ownerColumn": "id", "rows": [ { column: value, … } ] }, … ] }
/// </code>
/// Rows are PostgreSQL's own JSON of the row (<c>to_jsonb</c>): numbers exact as stored,
/// timestamps ISO 8601, jsonb columns nested; ordered by that JSON text, so two exports of the
/// same rows are byte for byte equal.
/// </summary>
public static class UserExportFormat
{
    public const string Format = "portfolio-tracker.user-export";
    public const int Version = 1;

    /// <summary>Every table and column: what <c>import-user</c> needs to restore identical rows.</summary>
    public const string FullScope = "full";

    /// <summary>What a user downloads: the tables they may read, without secrets (password and token hashes).</summary>
    public const string SelfServiceScope = "self-service";
}
