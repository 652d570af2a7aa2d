using Microsoft.Extensions.Options;
using PortfolioTracker.Operations.Backups;
using PortfolioTracker.Operations.Connection;
using PortfolioTracker.Operations.Maintenance;
using PortfolioTracker.Operations.Scheduling;
using PortfolioTracker.OperationsService.Data;

namespace PortfolioTracker.OperationsService.Application;

/// <summary>The suite's scheduled jobs, each one use case of tools/Operations with the schedule of <see cref="ScheduleOptions"/>.</summary>
public sealed class ScheduledJobs(
    HealthReading health, AlertDelivery alerts, MaintainerDatabase maintainer, BackupReaderDatabase backupReader,
    IOptions<ScheduleOptions> schedule, IOptions<MaintenanceOptions> maintenance)
{
    public IReadOnlyList<ScheduledJob> All()
    {
        var options = schedule.Value;
        List<ScheduledJob> jobs =
        [
            new("health", ScheduledJob.ParseCron(options.Health), async ct =>
            {
                var report = await health.RunAsync(ct);
                await alerts.DeliverAsync(report, ct);
                return report.Alerts.Count == 0 ? "ok" : $"{report.Alerts.Count} alert(s): {string.Join(", ", report.Alerts.Select(a => a.Name))}";
            }),
            Maintain("maintain-daily", options.MaintainDaily, MaintenanceCadence.Daily),
            Maintain("maintain-weekly", options.MaintainWeekly, MaintenanceCadence.Weekly),
            Maintain("maintain-monthly", options.MaintainMonthly, MaintenanceCadence.Monthly),
        ];
        if (!string.IsNullOrWhiteSpace(options.StateDirectory))
        {
            // The suite names only the database and the state folder here: the backup logs in as backup_reader.
            var suite = new SuiteConnection(backupReader.ConnectionString, options.StateDirectory, null);
            jobs.Add(new("backup", ScheduledJob.ParseCron(options.Backup), async ct =>
            {
                var result = await new DatabaseBackup(suite, backupReader.ConnectionString).RunAsync(
                    new BackupRequest(DatabaseBackup.DefaultDirectory(suite), DatabaseBackup.DefaultKeyPath(suite), options.BackupKeep), cancellationToken: ct);
                return $"{Path.GetFileName(result.Path)}; {result.Removed.Count} old backup(s) removed";
            }));
        }
        return jobs;
    }

    private ScheduledJob Maintain(string name, string cron, MaintenanceCadence cadence) =>
        new(name, ScheduledJob.ParseCron(cron), async ct =>
        {
            var report = await new MaintenanceRunner(maintainer.DataSource, maintenance.Value, integrityReader: backupReader.DataSource, vacuum: false)
                .RunAsync(cadence, cancellationToken: ct);
            return report.HasProblems
                ? throw new Operations.OperationFailedException($"integrity problems: {report.Summary}")
                : report.Summary;
        });
}
