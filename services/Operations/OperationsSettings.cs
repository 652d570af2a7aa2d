using System.ComponentModel.DataAnnotations;

namespace PortfolioTracker.OperationsService;

/// <summary>
/// The logins this service holds besides <c>authenticator</c> (section <c>Operations</c>): the
/// passwords of <c>ops_monitor</c>, the health report's, and <c>backup_reader</c>, the nightly
/// backup's. The migrator sets both passwords on the roles; this service never needs the owner.
/// </summary>
public sealed class OperationsSettings
{
    public const string Section = "Operations";

    [Required]
    public string MonitorPassword { get; set; } = "";

    [Required]
    public string BackupReaderPassword { get; set; } = "";
}
