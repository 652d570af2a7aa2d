using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>
/// A user of the run: its access token, renewed with the refresh token before it runs out
/// (access tokens live 15 minutes; a 100,000-transaction run takes longer).
/// </summary>
public sealed class BenchUser
{
    private static readonly TimeSpan RenewAfter = TimeSpan.FromMinutes(10);

    private readonly Stopwatch _age = Stopwatch.StartNew();

    private BenchUser(string accessToken, string refreshToken)
    {
        AccessToken = accessToken;
        RefreshToken = refreshToken;
    }

    public string AccessToken { get; private set; }

    public string RefreshToken { get; private set; }

    public static async Task<BenchUser> SignUpAsync(HttpClient http)
    {
        var email = $"metrics-bench-{Guid.NewGuid():N}@example.com";
        var password = "metrics bench " + Guid.NewGuid().ToString("N")[..12];
        var (access, refresh) = await TokensAsync(http, "/v1/auth/signup", new { email, password });
        return new BenchUser(access, refresh);
    }

    /// <summary>A user of an earlier run, from the refresh token that run printed.</summary>
    public static async Task<BenchUser> ResumeAsync(HttpClient http, string refreshToken)
    {
        var (access, refresh) = await TokensAsync(http, "/v1/auth/refresh", new { refreshToken });
        return new BenchUser(access, refresh);
    }

    /// <summary>Renews the access token when it is getting old; outside any timed call.</summary>
    public async Task KeepFreshAsync(HttpClient http)
    {
        if (_age.Elapsed < RenewAfter)
        {
            return;
        }
        (AccessToken, RefreshToken) = await TokensAsync(http, "/v1/auth/refresh", new { refreshToken = RefreshToken });
        _age.Restart();
    }

    private static async Task<(string Access, string Refresh)> TokensAsync(HttpClient http, string path, object body)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode)
            {
                var json = JsonNode.Parse(text)!;
                return (json["accessToken"]!.GetValue<string>(), json["refreshToken"]!.GetValue<string>());
            }
            if ((int)response.StatusCode != 429 || attempt >= 3)
            {
                throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {text}");
            }
            await Task.Delay(GatewayCalls.RetryAfter(response));
        }
    }
}
