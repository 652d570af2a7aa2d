using System.ComponentModel.DataAnnotations;

namespace PortfolioTracker.Operations.Maintenance;

/// <summary>Section <c>Operations:Maintenance</c>.</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Operations:Maintenance";

    /// <summary>Audit rows older than this move to <c>audit.audit_log_archive</c> (the specification keeps 6 months).</summary>
    public TimeSpan AuditRetention { get; set; } = TimeSpan.FromDays(183);

    /// <summary>Rows deleted or archived per transaction, so no pass holds locks for long.</summary>
    [Range(1, 1_000_000)]
    public int BatchSize { get; set; } = 5000;
}
