using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// The AppHost's container mode, read from its model (nothing is started, so no container
/// runtime is needed): the Redis password never reaches a command line.
/// </summary>
public sealed class ContainerRedisTests : IDisposable
{
    private readonly string _stateDirectory = Directory.CreateTempSubdirectory("pt-model-").FullName;

    [Fact]
    public async Task TheRedisContainerGetsItsPasswordThroughItsEnvironmentNotItsCommandLine()
    {
        await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.AppHost>(
            [$"--LocalState:Directory={_stateDirectory}", "--DataStores:Mode=container"],
            (options, _) => options.DisableDashboard = true);
        var redis = builder.Resources.OfType<RedisResource>().Single();
        var password = (await File.ReadAllTextAsync(Path.Combine(_stateDirectory, "secrets", "redis.password"))).Trim();

        // Aspire's own helpers for reading a resource's model in tests; their replacement needs the
        // execution context of a running application.
#pragma warning disable CS0618
        var arguments = await redis.GetArgumentValuesAsync();
        var environment = await redis.GetEnvironmentVariableValuesAsync();
#pragma warning restore CS0618

        // The container runs "sh -c <command>": whatever follows redis-server there becomes its argv.
        var all = string.Join(" | ", arguments);
        Assert.Equal("/bin/sh", redis.Entrypoint);
        Assert.Equal("-c", arguments[0]);
        var command = Assert.Single(arguments, argument => argument.Contains("redis-server", StringComparison.Ordinal));
        Assert.False(command.Contains("--requirepass", StringComparison.Ordinal), all);
        Assert.True(command.Contains("redis-server -", StringComparison.Ordinal), all);
        Assert.DoesNotContain(arguments, argument => argument.Contains(password, StringComparison.Ordinal));
        Assert.Equal(password, environment["REDIS_PASSWORD"]);
    }

    public void Dispose() => Directory.Delete(_stateDirectory, recursive: true);
}
