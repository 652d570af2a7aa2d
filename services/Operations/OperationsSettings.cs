using System.ComponentModel.DataAnnotations;

namespace PortfolioTracker.OperationsService;

/// <summary>
/// The credentials this service holds (section <c>Operations</c>): the database owner for
/// maintenance and the job journal (ANALYZE and VACUUM need the owner in PostgreSQL 15), and
/// the password of the <c>ops_monitor</c> login the health report reads through.
/// </summary>
public sealed class OperationsSettings
{
    public const string Section = "Operations";

    /// <summary>Name of the owner's connection string (<c>ConnectionStrings:ops-admin</c>).</summary>
    public const string AdminConnectionName = "ops-admin";

    [Required]
    public string MonitorPassword { get; set; } = "";
}
