using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace PortfolioTracker.Metrics.Gateway;

/// <summary>One timed call through the gateway: status, client-side milliseconds and the Server-Timing header.</summary>
public sealed record CallResult(int Status, double Milliseconds, string? ServerTiming, string Body);

/// <summary>
/// Calls through the gateway as one user. A 429 (the gateway's per-user budget) waits for
/// Retry-After and tries again; only the call that is answered otherwise is timed and returned.
/// </summary>
public static class GatewayCalls
{
    public static HttpClient NewClient(Uri gateway) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(30) })
        {
            BaseAddress = gateway,
            Timeout = TimeSpan.FromSeconds(120),
        };

    public static async Task<CallResult> GetAsync(HttpClient http, BenchUser user, string path) =>
        await SendAsync(http, user, HttpMethod.Get, path, null);

    public static async Task<CallResult> SendAsync(HttpClient http, BenchUser user, HttpMethod method, string path, object? body)
    {
        while (true)
        {
            await user.KeepFreshAsync(http);
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }
            var clock = Stopwatch.StartNew();
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var took = clock.Elapsed.TotalMilliseconds;
            if ((int)response.StatusCode == 429)
            {
                await Task.Delay(RetryAfter(response));
                continue;
            }
            var timing = response.Headers.TryGetValues("Server-Timing", out var values) ? string.Join(", ", values) : null;
            return new CallResult((int)response.StatusCode, took, timing, text);
        }
    }

    /// <summary>Throws with the answer when a call that must succeed did not.</summary>
    public static CallResult Ok(this CallResult result, string what) =>
        result.Status is >= 200 and < 300
            ? result
            : throw new InvalidOperationException($"{what} answered {result.Status}: {Truncate(result.Body)}");

    public static TimeSpan RetryAfter(HttpResponseMessage response) =>
        response.Headers.RetryAfter?.Delta
        ?? (response.Headers.TryGetValues("Retry-After", out var v) && int.TryParse(v.FirstOrDefault(), CultureInfo.InvariantCulture, out var s)
            ? TimeSpan.FromSeconds(s)
            : TimeSpan.FromSeconds(1));

    private static string Truncate(string text) => text.Length <= 400 ? text : text[..400] + "…";
}
