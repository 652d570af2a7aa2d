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

    // Shared by the state watch and the process check, always under this lock.
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Watched> _resources = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var checking = OperatingSystem.IsLinux() ? CheckProcessesAsync(stoppingToken) : Task.CompletedTask;
        await foreach (var update in notifications.WatchAsync(stoppingToken))
        {
            if (!supervised.Contains(update.Resource.Name))
            {
                continue;
            }
            lock (_gate)
            {
                OnUpdate(update, stoppingToken);
            }
        }
        await checking;
    }

    private void OnUpdate(ResourceEvent update, CancellationToken stoppingToken)
    {
        if (!_resources.TryGetValue(update.ResourceId, out var watched))
        {
            watched = _resources[update.ResourceId] = new Watched(update.Resource.Name);
        }
        var state = update.Snapshot.State?.Text;
        watched.State = state;
        if (OnTheWayUp.Contains(state))
        {
            // Up, or on its way: from now on an end is unexpected.
            watched.ExpectedUp = true;
            // Not a process already found gone: a late snapshot of the run that ended may still name it.
            watched.ProcessId = state == KnownResourceStates.Running && ProcessIdOf(update.Snapshot) is { } pid && pid != watched.GoneProcessId ? pid : null;
            return;
        }
        // Only a resource that was meant to run and ended, once per end: not one waiting for
        // its first start, not a restart already on its way, not the AppHost shutting down.
        if (Ended.Contains(state))
        {
            Restart(update.ResourceId, watched, $"{state}, exit code {update.Snapshot.ExitCode}", stoppingToken);
        }
    }

    /// <summary>
    /// DCP reports that a process ended only after its own reconciliation, which took 14 s on a
    /// busy two-core machine; so the supervisor also looks at each running process itself, every
    /// <c>ProcessCheckInterval</c>, and restarts one that is gone (or a zombie) without waiting.
    /// </summary>
    private async Task CheckProcessesAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProcessCheckInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                lock (_gate)
                {
                    foreach (var (resourceId, watched) in _resources)
                    {
                        if (watched.ProcessId is { } pid && !IsRunning(pid))
                        {
                            watched.GoneProcessId = pid;
                            Restart(resourceId, watched, $"process {pid} gone", stoppingToken);
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Restart(string resourceId, Watched watched, string why, CancellationToken stoppingToken)
    {
        if (!watched.ExpectedUp || watched.Restart is { IsCompleted: false } || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }
        watched.ExpectedUp = false;
        watched.ProcessId = null;
        var pause = watched.NextPause(options.Value, DateTimeOffset.UtcNow);
        LogRestarting(logger, watched.Name, why, pause.TotalSeconds);
        watched.Restart = RestartAsync(resourceId, watched, pause, stoppingToken);
    }

    private async Task RestartAsync(string resourceId, Watched watched, TimeSpan pause, CancellationToken stoppingToken)
    {
        var name = watched.Name;
        try
        {
            await Task.Delay(pause, stoppingToken);
            if (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return;
            }
            // A process found gone before DCP noticed is still Running to Aspire: stop it there
            // first (Restart), where an ended one only needs starting.
            string command;
            lock (_gate)
            {
                command = watched.State == KnownResourceStates.Running ? KnownResourceCommands.RestartCommand : KnownResourceCommands.StartCommand;
            }
            var result = await commands.ExecuteCommandAsync(resourceId, command, stoppingToken);
            if (!result.Success)
            {
                LogRestartFailed(logger, name, result.Message);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static int? ProcessIdOf(CustomResourceSnapshot snapshot) =>
        snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is { } value
        && int.TryParse(value.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var pid) ? pid : null;

    /// <summary>False once the process has exited, reaped or not (a zombie is state Z).</summary>
    private static bool IsRunning(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            // "pid (name) state …": the name may hold spaces, so read after its closing parenthesis.
            return stat[(stat.LastIndexOf(')') + 2)..] is not ['Z' or 'X', ..];
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private sealed class Watched(string name)
    {
        private int _quickEnds;
        private DateTimeOffset _lastRestart = DateTimeOffset.MinValue;

        public string Name { get; } = name;

        public string? State { get; set; }

        /// <summary>The process of the current run, while Aspire reports it running.</summary>
        public int? ProcessId { get; set; }

        public int? GoneProcessId { get; set; }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Resource} ended ({Why}); starting it again in {Seconds} s")]
    private static partial void LogRestarting(ILogger logger, string resource, string why, double seconds);

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
            .Validate(options => options.IsValid(), "Supervisor: FirstDelay from 0 to MaxDelay, MaxDelay at most an hour, StableAfter above 0, ProcessCheckInterval from 50 ms to a minute.")
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
