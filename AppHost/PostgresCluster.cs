using System.Diagnostics;

namespace PortfolioTracker.AppHost;

/// <summary>Creates the local Postgres data directory once (initdb); later starts reuse it.</summary>
internal static class PostgresCluster
{
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public static void EnsureInitialized(string binDirectory, LocalState state)
    {
        var dataDirectory = state.PostgresDataDirectory;
        if (File.Exists(Path.Combine(dataDirectory, "PG_VERSION")))
        {
            return;
        }

        var parent = Path.GetDirectoryName(dataDirectory)!;
        Directory.CreateDirectory(parent);
        OsUser.GiveToPostgres(parent);

        // initdb reads the superuser password from a file; it lives only for this call.
        var passwordFile = Path.Combine(parent, ".initdb-password");
        File.WriteAllText(passwordFile, state.PostgresPassword);
        File.SetUnixFileMode(passwordFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        OsUser.GiveToPostgres(passwordFile);
        try
        {
            var (command, prefix) = OsUser.RunAsPostgres(Path.Combine(binDirectory, "initdb"));
            var startInfo = new ProcessStartInfo(command)
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in (string[])[
                .. prefix,
                "-D", dataDirectory,
                "-U", "postgres",
                "--pwfile", passwordFile,
                "--auth-local=scram-sha-256",
                "--auth-host=scram-sha-256",
                "--encoding=UTF8",
                "--locale=C.UTF-8"])
            {
                startInfo.ArgumentList.Add(argument);
            }

            using var process = Process.Start(startInfo)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                throw new DistributedApplicationException($"initdb failed ({process.ExitCode}): {error}{output.Result}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }
}
