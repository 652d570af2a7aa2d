using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PortfolioTracker.AppHost;

/// <summary>
/// Restarts a long-running resource (PostgreSQL, Redis, a service, the gateway) whose process
/// exited while the AppHost runs. Aspire 13 has no restart policy for executables and
/// projects, so this watches the resource states and issues the same Start command as the
/// dashboard's button: a resource that dies is back within seconds; one that keeps dying is
/// retried with a growing pause (up to <see cref="MaxBackoff"/>). Stopping a resource from the
/// dashboard counts as dying too; stop the AppHost to stop the suite.
/// </summary>
public sealed partial class ResourceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    ILogger<ResourceSupervisor> logger,
    IReadOnlySet<string> supervised) : BackgroundService
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    // A resource that stayed up this long is healthy again: its next crash restarts at once.
    private static readonly TimeSpan StableAfter = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, (int Crashes, DateTimeOffset LastRestart)> _history = [];
    private readonly HashSet<string> _wasRunning = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            var name = update.Resource.Name;
            if (!supervised.Contains(name))
            {
                continue;
            }
            var state = update.Snapshot.State?.Text;
            if (state == KnownResourceStates.Running)
            {
                _wasRunning.Add(update.ResourceId);
                continue;
            }
            // Only a resource that had been running and then stopped: not one still waiting
            // for its dependencies, nor one the AppHost is shutting down.
            if ((state != KnownResourceStates.Exited && state != KnownResourceStates.Finished)
                || !_wasRunning.Remove(update.ResourceId)
                || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                continue;
            }
            _ = RestartAsync(update.ResourceId, name, update.Snapshot.ExitCode, stoppingToken);
        }
    }

    private async Task RestartAsync(string resourceId, string name, int? exitCode, CancellationToken stoppingToken)
    {
        var now = DateTimeOffset.UtcNow;
        var crashes = _history.TryGetValue(resourceId, out var last) && now - last.LastRestart < StableAfter ? last.Crashes + 1 : 1;
        _history[resourceId] = (crashes, now);
        var pause = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, FirstBackoff.Ticks * (1L << Math.Min(crashes - 1, 5))));
        LogRestarting(logger, name, exitCode, pause.TotalSeconds);
        try
        {
            await Task.Delay(pause, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }
            var result = await commands.ExecuteCommandAsync(resourceId, KnownResourceCommands.StartCommand, stoppingToken);
            if (!result.Success)
            {
                LogRestartFailed(logger, name, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} exited (code {ExitCode}); starting it again in {Seconds} s")]
    private static partial void LogRestarting(ILogger logger, string resource, int? exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Error}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? error);
}

public static class ResourceSupervisorExtensions
{
    /// <summary>Keeps the named resources running (<c>Supervisor:Enabled=false</c> turns it off).</summary>
    public static IDistributedApplicationBuilder AddResourceSupervisor(this IDistributedApplicationBuilder builder, params IResourceBuilder<IResource>[] resources)
    {
        if (!builder.Configuration.GetValue("Supervisor:Enabled", true))
        {
            return builder;
        }
        var names = resources.Select(resource => resource.Resource.Name).ToHashSet(StringComparer.Ordinal);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<ResourceSupervisor>(services, (IReadOnlySet<string>)names));
        return builder;
    }
}
