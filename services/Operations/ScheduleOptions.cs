using System.ComponentModel.DataAnnotations;
using PortfolioTracker.Operations.Scheduling;

namespace PortfolioTracker.OperationsService;

/// <summary>
/// When the scheduled jobs run (section <c>Operations:Schedule</c>): cron expressions in UTC, 5
/// fields or 6 with seconds first. Defaults follow the specification: the health check every 5
/// minutes, the backup nightly at 02:00 ("cron: 0 2 * * *"), maintenance after it daily, weekly
/// (Sunday) and monthly (the 1st).
/// </summary>
public sealed class ScheduleOptions : IValidatableObject
{
    public const string Section = "Operations:Schedule";

    public bool Enabled { get; set; } = true;

    /// <summary>How often the scheduler looks for due jobs.</summary>
    public TimeSpan Tick { get; set; } = TimeSpan.FromSeconds(15);

    public string Health { get; set; } = "*/5 * * * *";

    public string MaintainDaily { get; set; } = "0 3 * * *";

    public string MaintainWeekly { get; set; } = "0 4 * * 0";

    public string MaintainMonthly { get; set; } = "0 5 1 * *";

    public string Backup { get; set; } = "0 2 * * *";

    /// <summary>Nightly backups kept (retention of the backup command).</summary>
    [Range(1, 1000)]
    public int BackupKeep { get; set; } = 7;

    /// <summary>The suite's state folder (<c>.local/</c>): backups and their key go there. Without it there is no backup job.</summary>
    public string? StateDirectory { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Tick <= TimeSpan.Zero)
        {
            yield return new ValidationResult("Tick must be positive.", [nameof(Tick)]);
        }
        foreach (var (name, expression) in new[] { (nameof(Health), Health), (nameof(MaintainDaily), MaintainDaily), (nameof(MaintainWeekly), MaintainWeekly), (nameof(MaintainMonthly), MaintainMonthly), (nameof(Backup), Backup) })
        {
            string? error = null;
            try
            {
                ScheduledJob.ParseCron(expression);
            }
            catch (Cronos.CronFormatException e)
            {
                error = e.Message;
            }
            if (error is not null)
            {
                yield return new ValidationResult($"{name} is not a cron expression: {error}", [name]);
            }
        }
    }
}
