extern alias operationsservice;

using Microsoft.Extensions.DependencyInjection;
using operationsservice::PortfolioTracker.OperationsService;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Operator.Tests;

/// <summary>
/// The operations service in process (its real Program): the authenticator connection, and the
/// monitoring and backup logins' passwords, as it gets them under the AppHost (never the owner).
/// </summary>
public class OperationsHarness : ServiceHarness<operationsservice::Program>
{
    public LogRecorder Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new($"{OperationsSettings.Section}:MonitorPassword", Postgres.MonitorPassword),
        new($"{OperationsSettings.Section}:BackupReaderPassword", Postgres.BackupReaderPassword),
        // Off unless a test class turns it on, so no job runs in the middle of another test.
        new($"{ScheduleOptions.Section}:Enabled", "false"),
        .. MoreSettings(),
    ];

    /// <summary>Settings a test class adds (schedules, a webhook …).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings() => [];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
}
