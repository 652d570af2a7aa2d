using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>What a suite that did not finish starting was doing: every resource's state, health and exit code.</summary>
public static class SuiteStart
{
    public static string Describe(DistributedApplication? app)
    {
        if (app is null)
        {
            return "the AppHost was not built";
        }
        var model = app.Services.GetRequiredService<DistributedApplicationModel>();
        // Parameters and Aspire's own rebuilders say nothing about a start.
        var running = model.Resources.Where(r => r is not ParameterResource && !r.Name.EndsWith("-rebuilder", StringComparison.Ordinal));
        return string.Join("; ", running.Select(resource =>
            app.ResourceNotifications.TryGetCurrentState(resource.Name, out var current) && current is not null
                ? $"{resource.Name} {current.Snapshot.State?.Text ?? "?"}"
                  + (current.Snapshot.HealthStatus is { } health ? $" ({health})" : "")
                  + (current.Snapshot.ExitCode is { } code ? $" exit {code}" : "")
                : $"{resource.Name} no state"));
    }
}
