using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Data;
using StackExchange.Redis;

namespace PortfolioTracker.Gateway.Tests.RateLimiting;

/// <summary>
/// The gateway with budgets small enough to exhaust in a test: three requests a minute per
/// caller in every route group. Signed-in callers carry tokens the gateway itself signed.
/// </summary>
public class RateLimitHarness : GatewayHarness
{
    public const int Budget = 3;

    public LogRecorder Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        var settings = new Dictionary<string, string?>(base.Settings());
        foreach (var group in new[] { "Auth", "SignUp", "Reads", "Writes", "Imports", "Streams" })
        {
            settings[$"RateLimits:{group}:PermitLimit"] = Budget.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings[$"RateLimits:{group}:Window"] = "00:01:00";
        }
        return settings;
    }

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(Logs);

    /// <summary>An access token for a fresh user, signed with the gateway's own key (as login would hand out).</summary>
    public string GatewayToken(Guid? userId = null) =>
        Services.GetRequiredService<TokenIssuer>().IssueAccessToken(userId ?? Guid.NewGuid(), NewEmail());

    /// <summary>A second gateway instance over the same PostgreSQL, Redis and signing key.</summary>
    public WebApplicationFactory<Program> StartAnotherGateway() =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment(Environments.Production);
            host.UseSetting($"ConnectionStrings:{DatabaseExtensions.ConnectionName}", Postgres.AuthenticatorConnectionString);
            host.UseSetting($"ConnectionStrings:{RedisExtensions.ConnectionName}", Redis.ConnectionString);
            foreach (var (key, value) in Settings())
            {
                host.UseSetting(key, value);
            }
        });

    /// <summary>Stops Redis as a crash would (no save); the harness's own clean-up finds it already gone.</summary>
    public async Task StopRedisAsync()
    {
        await using var admin = await ConnectionMultiplexer.ConnectAsync(Redis.ConnectionString + ",allowAdmin=true");
        try
        {
            admin.GetServer(Redis.ConnectionString).Shutdown(ShutdownMode.Never);
        }
        catch (RedisConnectionException)
        {
            // The server closes the connection as it goes.
        }
    }

    /// <summary>A GET with the given bearer token (none for an anonymous call).</summary>
    public static async Task<HttpResponseMessage> GetAsync(HttpClient http, string path, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }
        return await http.SendAsync(request);
    }
}
