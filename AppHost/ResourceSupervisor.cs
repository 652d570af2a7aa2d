using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace PortfolioTracker.AppHost;

/// <summary>
/// Restarts a long-running resource (PostgreSQL, Redis, a service, the gateway) whose process
/// exited while the AppHost runs. Aspire 13 has no restart policy for executables and
/// projects, so this watches the resource states and issues the same Start command as the
/// dashboard's button: a resource that dies is back within seconds; one that keeps dying (or
/// fails to start) is retried with a growing pause. Stopping a resource from the dashboard
/// counts as dying too; stop the AppHost to stop the suite.
/// </summary>
public sealed partial class ResourceSupervisor(
    ResourceNotificationService notifications,
    ResourceCommandService commands,
    IHostApplicationLifetime lifetime,
    IOptions<SupervisorOptions> options,
    ILogger<ResourceSupervisor> logger,
    IReadOnlySet<string> supervised) : BackgroundService
{
    private static readonly HashSet<string?> Ended =
        [KnownResourceStates.Exited, KnownResourceStates.Finished, KnownResourceStates.FailedToStart];

    private static readonly HashSet<string?> OnTheWayUp =
        [KnownResourceStates.Waiting, KnownResourceStates.Starting, KnownResourceStates.Running];

    // Touched only by the watch loop, one update at a time.
    private readonly Dictionary<string, Watched> _resources = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (!supervised.Contains(update.Resource.Name))
            {
                continue;
            }
            if (!_resources.TryGetValue(update.ResourceId, out var watched))
            {
                watched = _resources[update.ResourceId] = new Watched();
            }
            var state = update.Snapshot.State?.Text;
            if (OnTheWayUp.Contains(state))
            {
                // Up, or on its way: from now on an end is unexpected.
                watched.ExpectedUp = true;
                continue;
            }
            // Only a resource that was meant to run and ended, once per end: not one waiting for
            // its first start, not a restart already on its way, not the AppHost shutting down.
            if (!Ended.Contains(state) || !watched.ExpectedUp || watched.Restart is { IsCompleted: false }
                || lifetime.ApplicationStopping.IsCancellationRequested)
            {
                continue;
            }
            watched.ExpectedUp = false;
            var pause = watched.NextPause(options.Value, DateTimeOffset.UtcNow);
            LogRestarting(logger, update.Resource.Name, state, update.Snapshot.ExitCode, pause.TotalSeconds);
            watched.Restart = RestartAsync(update.ResourceId, update.Resource.Name, pause, stoppingToken);
        }
    }

    private async Task RestartAsync(string resourceId, string name, TimeSpan pause, CancellationToken stoppingToken)
    {
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

    private sealed class Watched
    {
        private int _quickEnds;
        private DateTimeOffset _lastRestart = DateTimeOffset.MinValue;

        public bool ExpectedUp { get; set; }

        public Task? Restart { get; set; }

        /// <summary>The first delay after a stable run, doubling for each end within <c>StableAfter</c> of the last restart.</summary>
        public TimeSpan NextPause(SupervisorOptions options, DateTimeOffset now)
        {
            _quickEnds = now - _lastRestart < options.StableAfter ? _quickEnds + 1 : 0;
            _lastRestart = now;
            var pause = options.FirstDelay * Math.Pow(2, Math.Min(_quickEnds, 16));
            return pause < options.MaxDelay ? pause : options.MaxDelay;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} ended ({State}, exit code {ExitCode}); starting it again in {Seconds} s")]
    private static partial void LogRestarting(ILogger logger, string resource, string? state, int? exitCode, double seconds);

    [LoggerMessage(Level = LogLevel.Error, Message = "{Resource} could not be started again: {Error}")]
    private static partial void LogRestartFailed(ILogger logger, string resource, string? error);
}

public static class ResourceSupervisorExtensions
{
    /// <summary>Keeps the named resources running (<c>Supervisor:Enabled=false</c> turns it off).</summary>
    public static IDistributedApplicationBuilder AddResourceSupervisor(this IDistributedApplicationBuilder builder, params IResourceBuilder<IResource>[] resources)
    {
        builder.Services.AddOptions<SupervisorOptions>()
            .BindConfiguration(SupervisorOptions.Section)
            .Validate(options => options.IsValid(), "Supervisor: FirstDelay from 0 to MaxDelay, MaxDelay at most an hour, StableAfter above 0.")
            .ValidateOnStart();
        if (!builder.Configuration.GetValue(SupervisorOptions.Section + ":" + nameof(SupervisorOptions.Enabled), true))
        {
            return builder;
        }
        var names = resources.Select(resource => resource.Resource.Name).ToHashSet(StringComparer.Ordinal);
        builder.Services.AddHostedService(services => ActivatorUtilities.CreateInstance<ResourceSupervisor>(services, (IReadOnlySet<string>)names));
        return builder;
    }
}
