using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>
/// A suite of its own for tests that kill parts of it, so the other tests
/// never see it. The supervisor waits <see cref="RestartDelay"/> before a first restart (1 s
/// under <c>./run.sh</c>), so every outage lasts long enough to be seen from outside. Every
/// resource's state is followed from the start, so a restart is recognised by its new process,
/// never by a snapshot of the old one.
/// </summary>
public sealed class ResilienceFixture : SuiteFixture
{
    public static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(3);

    private readonly ConcurrentDictionary<string, ResourceEvent> _latest = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopWatching = new();
    private Task? _watching;

    protected override IEnumerable<string> ExtraArguments =>
        [$"--Supervisor:FirstDelay={RestartDelay.ToString("c", CultureInfo.InvariantCulture)}"];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _watching = Task.Run(async () =>
        {
            try
            {
                await foreach (var update in App.ResourceNotifications.WatchAsync(_stopWatching.Token))
                {
                    _latest[update.Resource.Name] = update;
                }
            }
            catch (OperationCanceledException)
            {
            }
        });
        foreach (var resource in new[] { "postgres", "redis", "marketdata", "portfolio", "dividends", "gateway" })
        {
            await RunningProcessAsync(resource, TimeSpan.FromSeconds(30));
        }
    }

    public override async Task DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        if (_watching is not null)
        {
            await _watching;
        }
        _stopWatching.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// The operating-system process doing the resource's work: for PostgreSQL and Redis the one
    /// the AppHost started; for a service the child of the <c>dotnet run</c> the AppHost started.
    /// </summary>
    public int? CurrentProcessId(string resource)
    {
        if (!_latest.TryGetValue(resource, out var update) || update.Snapshot.State?.Text != KnownResourceStates.Running
            || update.Snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value is not { } value
            || !int.TryParse(value.ToString(), CultureInfo.InvariantCulture, out var pid) || !IsAlive(pid))
        {
            return null;
        }
        if (update.Resource is not ProjectResource)
        {
            return pid;
        }
        var service = ChildrenOf(pid).FirstOrDefault();
        return service > 0 ? service : null;
    }

    /// <summary>The resource's process once it runs (other than <paramref name="notThis"/>), waiting up to <paramref name="within"/>.</summary>
    public async Task<int> RunningProcessAsync(string resource, TimeSpan within, int? notThis = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < within)
        {
            if (CurrentProcessId(resource) is { } pid && pid != notThis)
            {
                return pid;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{resource} was not running{(notThis is null ? "" : " again")} within {within} (state {State(resource)}).");
    }

    public string? State(string resource) => _latest.TryGetValue(resource, out var update) ? update.Snapshot.State?.Text : null;

    /// <summary>SIGKILLs the resource's process (no chance to clean up) and waits until it is gone.</summary>
    public async Task<int> KillAsync(string resource)
    {
        var pid = await RunningProcessAsync(resource, TimeSpan.FromSeconds(30));
        using var process = Process.GetProcessById(pid);
        process.Kill();
        await process.WaitForExitAsync();
        return pid;
    }

    private static bool IsAlive(int pid) => Directory.Exists($"/proc/{pid}");

    private static IEnumerable<int> ChildrenOf(int parent)
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }
            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (IOException)
            {
                continue; // gone meanwhile
            }
            // "pid (name) state ppid …": the name may hold spaces, so read after its closing parenthesis.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length > 1 && int.TryParse(fields[1], CultureInfo.InvariantCulture, out var ppid) && ppid == parent)
            {
                yield return pid;
            }
        }
    }
}

[CollectionDefinition(Name)]
public sealed class ResilienceCollection : ICollectionFixture<ResilienceFixture>
{
    public const string Name = "resilience";
}
