using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PortfolioTracker.EndToEnd.Tests.Support;

public sealed record TestUser(Guid Id, string Email, string Password, string AccessToken, string RefreshToken);

/// <summary>HTTP/JSON calls to the gateway, as a client makes them.</summary>
public static class Api
{
    public static async Task<TestUser> SignUpAsync(this HttpClient http)
    {
        var email = $"user-{Guid.NewGuid():N}@example.com";
        const string password = "correct horse battery staple";
        using var response = await http.PostAsJsonAsync("/v1/auth/signup", new { email, password });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"signup answered {(int)response.StatusCode}: {body}");
        return new TestUser(
            Guid.Parse(body["user"]!["id"]!.GetValue<string>()),
            email,
            password,
            body["accessToken"]!.GetValue<string>(),
            body["refreshToken"]!.GetValue<string>());
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient http, HttpMethod method, string path, string? token, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }
        return http.SendAsync(request);
    }

    public static async Task<JsonObject> ReadJsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject();
    }

    /// <summary>A BUY in the shape API.md gives, with decimals as strings.</summary>
    public static Dictionary<string, object?> Buy(string symbol = "AAPL", string quantity = "10", string price = "150.75") => new()
    {
        ["transactionType"] = "BUY",
        ["symbol"] = symbol,
        ["quantity"] = quantity,
        ["price"] = price,
        ["date"] = "2024-01-15",
        ["currency"] = "USD",
        ["commission"] = "0.99",
    };

    public static async Task<JsonObject> CreateTransactionAsync(this HttpClient http, TestUser user, object transaction)
    {
        using var response = await http.SendAsync(HttpMethod.Post, "/v1/transactions", user.AccessToken, transaction);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"create answered {(int)response.StatusCode}: {body}");
        return body;
    }

    /// <summary>The fields a <c>google.rpc.BadRequest</c> detail names.</summary>
    public static IReadOnlyList<string> ViolatedFields(JsonObject status) =>
        (status["details"]?.AsArray() ?? [])
            .Where(d => d!["@type"]!.GetValue<string>().EndsWith("google.rpc.BadRequest", StringComparison.Ordinal))
            .SelectMany(d => d!["fieldViolations"]!.AsArray())
            .Select(v => v!["field"]!.GetValue<string>())
            .ToList();

    public static string Json(this JsonNode? node) => node?.ToJsonString(new JsonSerializerOptions { WriteIndented = false }) ?? "null";
}
