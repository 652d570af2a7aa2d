using System.Diagnostics;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>Runs the operator command that mints a service-role token from the suite's signing key.</summary>
public static class ServiceToken
{
    public static async Task<string> MintAsync(SuiteFixture suite, int minutes = 10)
    {
        var project = new Projects.Gateway().ProjectPath;
        var assembly = Path.Combine(Path.GetDirectoryName(project)!, "bin",
#if DEBUG
            "Debug",
#else
            "Release",
#endif
            "net10.0", "Gateway.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { assembly, "mint-service-token", "--minutes", minutes.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment = { ["Auth__SigningKeyPath"] = suite.SigningKeyPath },
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"mint-service-token exited {process.ExitCode}: {error}");
        return output.Trim();
    }
}
