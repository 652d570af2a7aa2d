using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using PortfolioTracker.Protos.Portfolio.V1;

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
    /// The operating-system process doing the resource's work: the one the AppHost started, or
    /// for a service launched through <c>dotnet run</c> that launcher's child.
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
        // Run from its build output the process is the service; through `dotnet run`, its child.
        if (!IsDotnetRun(pid))
        {
            return pid;
        }
        var child = ChildrenOf(pid).FirstOrDefault();
        return child > 0 ? child : null;
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

    /// <summary>
    /// Waits (at most <paramref name="within"/>) until every part of the suite answers a signed-in
    /// user: Portfolio over JSON and native gRPC, MarketData and Dividends over JSON. A test starts
    /// only on a suite that serves, and leaves it so for the next. Returns how long it took.
    /// </summary>
    public async Task<TimeSpan> ServingAsync(TimeSpan within)
    {
        var clock = Stopwatch.StartNew();
        var transactions = new TransactionService.TransactionServiceClient(Grpc);
        var last = "nothing answered yet";
        TestUser? user = null;
        while (true)
        {
            try
            {
                user ??= await Http.SignUpAsync();
                var failing = await FirstFailingAsync(user, transactions);
                if (failing is null)
                {
                    return clock.Elapsed;
                }
                last = failing;
            }
            catch (Exception exception) when (exception is HttpRequestException or RpcException or Xunit.Sdk.XunitException or TaskCanceledException)
            {
                last = exception.Message;
            }
            if (clock.Elapsed > within)
            {
                throw new TimeoutException($"the suite did not serve within {within}: {last}");
            }
            await Task.Delay(250);
        }
    }

    private async Task<string?> FirstFailingAsync(TestUser user, TransactionService.TransactionServiceClient transactions)
    {
        foreach (var path in new[] { "/v1/transactions?pageSize=1", "/v1/stocks/AAPL", "/v1/dividends" })
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", user.AccessToken);
            using var response = await Http.SendAsync(request, limit.Token);
            if (response.StatusCode != System.Net.HttpStatusCode.OK)
            {
                return $"GET {path} answered {(int)response.StatusCode}";
            }
        }
        await transactions.ListTransactionsAsync(new ListTransactionsRequest { PageSize = 1 }, user.Bearer(), DateTime.UtcNow.AddSeconds(5));
        return null;
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

    private static bool IsDotnetRun(int pid)
    {
        try
        {
            var arguments = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
            return arguments.Contains("run") && arguments.Contains("--project");
        }
        catch (IOException)
        {
            return false; // gone meanwhile
        }
    }

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
