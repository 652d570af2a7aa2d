using System.Diagnostics;
using System.Globalization;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>
/// Restarts the Portfolio and MarketData services of this checkout's running suite: ends their
/// processes (found in <c>/proc</c> by the service's build output path under
/// <c>services/</c>), with SIGTERM as a deploy or an operator does (they finish their pending
/// work and exit) or SIGKILL as a crash, and waits until the suite's supervisor has them
/// answering again. Only processes whose command line points into this checkout are touched.
/// </summary>
public static class SuiteRestart
{
    private static readonly string[] Services = ["Portfolio", "MarketData"];

    public static IReadOnlyList<int> FindServiceProcesses(string root)
    {
        var markers = Services.Select(s => Path.Combine(root, "services", s) + "/").ToArray();
        var found = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), CultureInfo.InvariantCulture, out var id))
            {
                continue;
            }
            try
            {
                var commandLine = File.ReadAllText(Path.Combine(directory, "cmdline")).Replace('\0', ' ');
                // The service itself, not a `dotnet run` launcher or a build.
                if (markers.Any(m => commandLine.Contains(m, StringComparison.Ordinal))
                    && commandLine.Contains("/bin/", StringComparison.Ordinal)
                    && !commandLine.Contains(" run ", StringComparison.Ordinal) && !commandLine.Contains(" build ", StringComparison.Ordinal))
                {
                    found.Add(id);
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                // Gone meanwhile, or not ours.
            }
        }
        return found;
    }

    /// <summary>Ends the services and returns once a call that needs Portfolio answers again (how long that took).</summary>
    public static async Task<TimeSpan> RestartAsync(string root, RestartMode mode, Func<Task<bool>> answers)
    {
        var processes = FindServiceProcesses(root);
        if (processes.Count < Services.Length)
        {
            throw new InvalidOperationException(
                $"found {processes.Count} of the {Services.Length} service processes under {root}/services; is ./run.sh running from this checkout? "
                + "(else use --restart skip and --after-restart)");
        }
        var clock = Stopwatch.StartNew();
        foreach (var id in processes)
        {
            if (mode == RestartMode.Term)
            {
                await TerminateAsync(id);
            }
            else
            {
                using var process = Process.GetProcessById(id);
                process.Kill();
            }
        }
        // Until the old processes are gone, a call could still reach one of them.
        while (processes.Any(id => Directory.Exists($"/proc/{id}")))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1))
            {
                throw new TimeoutException("the services did not exit within a minute of the signal");
            }
            await Task.Delay(50);
        }
        while (!await answers())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(3))
            {
                throw new TimeoutException("the services did not answer within 3 minutes of the restart");
            }
            await Task.Delay(250);
        }
        return clock.Elapsed;
    }

    /// <summary>SIGTERM (.NET sends only SIGKILL itself): the host's graceful stop.</summary>
    private static async Task TerminateAsync(int id)
    {
        using var signal = Process.Start(new ProcessStartInfo("kill", ["-TERM", id.ToString(CultureInfo.InvariantCulture)]))
            ?? throw new InvalidOperationException("could not run kill");
        await signal.WaitForExitAsync();
    }
}
