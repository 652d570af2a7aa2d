using System.Diagnostics;

namespace PortfolioTracker.Db.LocalPostgres;

/// <summary>
/// Postgres refuses to run as root. When we are root, its binaries run as the
/// <c>postgres</c> OS user through <c>setpriv</c>, which execs in place so signals reach
/// postgres itself.
/// </summary>
public static class OsUser
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The command and argument prefix that run <paramref name="binary"/> as postgres.</summary>
    public static (string Command, string[] Prefix) RunAsPostgres(string binary) => IsRoot
        ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", binary])
        : (binary, []);

    public static ProcessStartInfo StartInfo(string binary, IEnumerable<string> arguments)
    {
        var (command, prefix) = RunAsPostgres(binary);
        var startInfo = new ProcessStartInfo(command) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in prefix.Concat(arguments))
        {
            startInfo.ArgumentList.Add(argument);
        }
        return startInfo;
    }

    public static void GiveToPostgres(string path)
    {
        if (!IsRoot)
        {
            return;
        }
        using var process = Process.Start("chown", ["-R", "postgres:postgres", path]);
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"Could not give {path} to the postgres user (chown exit {process.ExitCode}).");
        }
    }
}
