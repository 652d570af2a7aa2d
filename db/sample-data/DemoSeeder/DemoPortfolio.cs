using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace PortfolioTracker.DemoSeeder;

/// <summary>
/// A small multi-currency portfolio over the bundled sample data: US, Swiss, German and
/// British stocks, a sale, a position held across NVDA's 10-for-1 split, cash deposits and
/// a dividend, all dated inside the dataset's five years.
/// </summary>
public sealed class DemoPortfolio(HttpClient http)
{
    public const string DefaultEmail = "demo@example.com";

    private static readonly (string Type, string Symbol, string Quantity, string Price, string Date, string Currency, string Commission)[] Transactions =
    [
        ("DEPOSIT", "", "50000", "1", "2022-01-03", "USD", "0"),
        ("BUY", "AAPL", "40", "165.20", "2022-01-10", "USD", "1.00"),
        ("BUY", "MSFT", "20", "300.10", "2022-02-14", "USD", "1.00"),
        ("BUY", "NVDA", "10", "610.00", "2022-03-07", "USD", "1.00"),
        ("BUY", "JNJ", "25", "160.00", "2022-06-01", "USD", "1.00"),
        ("BUY", "KO", "80", "58.40", "2022-09-12", "USD", "1.00"),
        ("BUY", "AAPL", "20", "140.00", "2023-01-09", "USD", "1.00"),
        ("SELL", "MSFT", "5", "330.00", "2023-06-15", "USD", "1.00"),
        ("SPLIT", "NVDA", "10", "0", "2024-06-10", "USD", "0"),
        ("DIVIDEND", "KO", "80", "0.46", "2024-08-15", "USD", "0"),
        ("BUY", "NESN.SW", "30", "98.50", "2023-03-20", "CHF", "5.00"),
        ("BUY", "SAP.DE", "15", "125.00", "2023-05-22", "EUR", "4.00"),
        ("BUY", "SHEL.L", "300", "22.10", "2024-02-12", "GBP", "3.50"),
    ];

    /// <summary>
    /// Returns the number of transactions created (0 when the portfolio already existed), or
    /// null when the account exists with another password (one printed by an earlier run).
    /// </summary>
    public async Task<int?> EnsureAsync(string email, string password)
    {
        var token = await SignInAsync(email, password);
        if (token is null)
        {
            return null;
        }
        using var list = await SendAsync(HttpMethod.Get, "/v1/transactions?pageSize=1", token, null);
        var existing = (await list.Content.ReadFromJsonAsync<JsonObject>())?["transactions"]?.AsArray().Count ?? 0;
        if (existing > 0)
        {
            return 0;
        }

        foreach (var t in Transactions)
        {
            using var response = await SendAsync(HttpMethod.Post, "/v1/transactions", token, new
            {
                transactionType = t.Type,
                symbol = t.Symbol,
                quantity = t.Quantity,
                price = t.Price,
                date = t.Date,
                currency = t.Currency,
                commission = t.Commission,
                notes = "sample portfolio",
            });
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException(
                    $"{t.Type} {t.Symbol} was refused ({(int)response.StatusCode}): {await response.Content.ReadAsStringAsync()}");
            }
        }
        return Transactions.Length;
    }

    private async Task<string?> SignInAsync(string email, string password)
    {
        using var signup = await http.PostAsJsonAsync("/v1/auth/signup", new { email, password });
        using var response = signup.StatusCode == HttpStatusCode.Conflict
            ? await http.PostAsJsonAsync("/v1/auth/login", new { email, password })
            : null;
        if (response?.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }
        var answer = response ?? signup;
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"signing in as {email} failed ({(int)answer.StatusCode}).");
        }
        var body = await answer.Content.ReadFromJsonAsync<JsonObject>();
        return body?["accessToken"]?.GetValue<string>() ?? throw new InvalidOperationException("no access token in the answer.");
    }

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string token, object? body)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        return http.SendAsync(request);
    }
}
