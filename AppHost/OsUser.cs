using System.Diagnostics;

namespace PortfolioTracker.AppHost;

/// <summary>Running a Postgres binary as the <c>postgres</c> OS user when we are root.</summary>
internal static class OsUser
{
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>The command and argument prefix that run <paramref name="binary"/> as postgres.</summary>
    public static (string Command, string[] Prefix) RunAsPostgres(string binary) => IsRoot
        ? ("setpriv", ["--reuid=postgres", "--regid=postgres", "--init-groups", "--", binary])
        : (binary, []);

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
            throw new DistributedApplicationException($"Could not give {path} to the postgres user (chown exit {process.ExitCode}).");
        }
    }
}
