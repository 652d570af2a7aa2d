using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace PortfolioTracker.AppHost;

public static class BuiltOutput
{
    /// <summary>
    /// Configuration key naming the runtime (e.g. <c>linux-x64</c>) the services were published
    /// for ahead of time (ReadyToRun) by <c>./run.sh</c>, which publishes them on every start.
    /// </summary>
    public const string ReadyToRunRuntimeKey = "Services:ReadyToRunRuntime";

    /// <summary>
    /// Runs a project from its build output (the program the build made, in the AppHost's own
    /// configuration) instead of through <c>dotnet run</c>, which evaluates the project file
    /// before every start: on a busy two-core machine that alone took up to 18 s of each
    /// restart, where the built program starts at once. Without build output the project
    /// runs through <c>dotnet run</c> as Aspire does by default.
    /// </summary>
    /// <remarks>
    /// With <see cref="ReadyToRunRuntimeKey"/> set, the program is the project's ReadyToRun
    /// publish output instead: its code (ours and the packages') is compiled ahead of time, so a
    /// restarted service answers its first requests without compiling them first (measured in
    /// bench/README.md, Metrics.Gateway's restart figure). Only the start script
    /// sets it, right after publishing, so an older publish output is never run by mistake.
    /// The working directory stays the project's, like a <c>dotnet run</c> start.
    /// </remarks>
    public static IResourceBuilder<ProjectResource> WithBuiltOutput(this IResourceBuilder<ProjectResource> project)
    {
        var projectPath = project.Resource.GetProjectMetadata().ProjectPath;
        var directory = Path.GetDirectoryName(projectPath)!;
        var configuration = typeof(BuiltOutput).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        // Every project targets the framework the AppHost runs on (Directory.Build.props).
        var framework = $"net{Environment.Version.Major}.{Environment.Version.Minor}";
        var output = Path.Combine(directory, "bin", configuration, framework);
        var readyToRunRuntime = project.ApplicationBuilder.Configuration[ReadyToRunRuntimeKey];
        if (!string.IsNullOrEmpty(readyToRunRuntime))
        {
            // The SDK's default publish folder for a runtime.
            output = Path.Combine(output, readyToRunRuntime, "publish");
        }
        var program = Path.Combine(output, Path.GetFileNameWithoutExtension(projectPath));
        if (!File.Exists(program))
        {
            if (!string.IsNullOrEmpty(readyToRunRuntime))
            {
                throw new InvalidOperationException($"{ReadyToRunRuntimeKey} is {readyToRunRuntime}, but {program} was not published.");
            }
            return project;
        }
        return project.WithAnnotation(new ExecutableAnnotation { Command = program, WorkingDirectory = directory }, ResourceAnnotationMutationBehavior.Replace);
    }
}
