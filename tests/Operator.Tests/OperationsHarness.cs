extern alias operationsservice;

using Microsoft.Extensions.DependencyInjection;
using operationsservice::PortfolioTracker.OperationsService;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Operator.Tests;

/// <summary>
/// The operations service in process (its real Program), holding the owner's connection and
/// the monitoring login's password as it does under the AppHost.
/// </summary>
public class OperationsHarness : ServiceHarness<operationsservice::Program>
{
    public string MonitorPassword { get; } = Guid.NewGuid().ToString("N");

    public LogRecorder Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new($"ConnectionStrings:{OperationsSettings.AdminConnectionName}", Postgres.SuperuserConnectionString()),
        new($"{OperationsSettings.Section}:MonitorPassword", MonitorPassword),
        // Off unless a test class turns it on, so no job runs in the middle of another test.
        new($"{ScheduleOptions.Section}:Enabled", "false"),
        .. MoreSettings(),
    ];

    /// <summary>Settings a test class adds (schedules, a webhook …).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> MoreSettings() => [];

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
}
