extern alias marketdata;
extern alias portfolio;
using System.Net.Http.Headers;
using Grpc.Net.Client;
using Npgsql;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.Dividends.Application;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Dividends.Tests;

/// <summary>
/// Dividends, Portfolio and MarketData in process, each its real Program, over one throwaway
/// PostgreSQL and Redis and one token key: Dividends reaches the other two over native gRPC
/// with the caller's own token, as in production, only through the test servers' in-memory
/// handlers instead of service discovery. Arrange helpers go through the services' own routes
/// (transactions through Portfolio, events, prices and FX through MarketData's admin routes).
/// </summary>
public sealed class DividendSuiteHarness : ServiceHarness<Program>
{
    private readonly string _keyDirectory = Directory.CreateTempSubdirectory("pt-div-key-").FullName;
    private WebApplicationFactory<portfolio::Program>? _portfolio;
    private WebApplicationFactory<marketdata::Program>? _marketData;
    private SigningKey? _serviceKey;

    public HttpClient PortfolioHttp { get; private set; } = null!;

    public HttpClient MarketDataHttp { get; private set; } = null!;

    /// <summary>Portfolio's native gRPC, reached directly (not through Dividends).</summary>
    public GrpcChannel PortfolioGrpc { get; private set; } = null!;

    public LogRecorder Logs { get; } = new();

    private string ServiceKeyPath => Path.Combine(_keyDirectory, "signing-key.pem");

    public override async Task InitializeAsync()
    {
        // The key Dividends signs its service credential with; Portfolio and MarketData trust it as
        // they trust the gateway's key in production.
        _serviceKey = SigningKey.LoadOrCreate(ServiceKeyPath, out _);
        await base.InitializeAsync();
        _portfolio = Sibling(new WebApplicationFactory<portfolio::Program>());
        _marketData = Sibling(new WebApplicationFactory<marketdata::Program>());
        PortfolioHttp = _portfolio.CreateClient();
        MarketDataHttp = _marketData.CreateClient();
        PortfolioGrpc = InProcessServices.Channel(_portfolio.Server);
    }

    /// <summary>The background sync's job as the service registered it (its timer is off in tests: runs are explicit).</summary>
    public DividendSyncJob SyncJob => Services.GetRequiredService<DividendSyncJob>();

    /// <summary>Another instance of the job over the same database, as a second replica would run it.</summary>
    public DividendSyncJob SecondSyncJob() => ActivatorUtilities.CreateInstance<DividendSyncJob>(Services);

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        .. InProcessServices.Addresses,
        new("Dividends:SyncJob:Enabled", "false"),
        new("Dividends:ServiceCredential:SigningKeyPath", ServiceKeyPath),
    ];

    protected override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
        RouteClients(services);
    }

    private WebApplicationFactory<T> Sibling<T>(WebApplicationFactory<T> factory) where T : class =>
        InProcessServices.Configure(factory, Postgres, Redis, Tokens, InProcessServices.Addresses, services =>
        {
            services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme,
                options => options.Configuration!.SigningKeys.Add(_serviceKey!.Credentials.Key));
            RouteClients(services);
        });

    private void RouteClients(IServiceCollection services) =>
        InProcessServices.RouteClients(services, marketData: () => _marketData!.Server, portfolio: () => _portfolio!.Server);

    // ---- arranging through the services' own routes ----

    /// <summary>A fresh symbol per test: market data is shared by every test of the class.</summary>
    public static string NewSymbol() => "D" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public async Task<JsonObject> TransactAsync(Guid user, string type, string symbol, string quantity, string price, string date,
        string currency = "USD", string? portfolioId = null)
    {
        var (status, body) = await SendAsync(PortfolioHttp, HttpMethod.Post, "/v1/transactions",
            new { transactionType = type, symbol, quantity, price, date, currency, portfolioId }, Tokens.ForUser(user));
        Assert.True(status == HttpStatusCode.OK, $"transaction not stored: {body.ToJsonString()}");
        return body;
    }

    public async Task<string> NewPortfolioAsync(Guid user, string name)
    {
        var (status, body) = await SendAsync(PortfolioHttp, HttpMethod.Post, "/v1/portfolios", new { name }, Tokens.ForUser(user));
        Assert.Equal(HttpStatusCode.OK, status);
        return body["id"]!.GetValue<string>();
    }

    public async Task ImportEventsAsync(string symbol, string currency, params object[] events)
    {
        var (status, body) = await SendAsync(MarketDataHttp, HttpMethod.Post, "/v1/admin/dividends:import",
            new { symbol, currency, events }, Tokens.ForServiceRole());
        Assert.True(status == HttpStatusCode.OK, $"events not imported: {body.ToJsonString()}");
    }

    public static object Event(string exDate, string amount, string? payDate = null) => new { exDate, payDate = payDate ?? "", amount };

    public async Task ImportCloseAsync(string symbol, string date, string close, string currency = "USD")
    {
        var (status, body) = await SendAsync(MarketDataHttp, HttpMethod.Post, "/v1/admin/prices:import",
            new { symbol, currency, bars = new[] { new { date, open = close, high = close, low = close, close, adjustedClose = close, volume = 1000 } } },
            Tokens.ForServiceRole());
        Assert.True(status == HttpStatusCode.OK, $"prices not imported: {body.ToJsonString()}");
    }

    public async Task ImportFxAsync(string from, string to, params (string Date, string Rate)[] rates)
    {
        var (status, body) = await SendAsync(MarketDataHttp, HttpMethod.Post, "/v1/admin/fx:import",
            new { fromCurrency = from, toCurrency = to, rates = rates.Select(r => new { date = r.Date, rate = r.Rate }) }, Tokens.ForServiceRole());
        Assert.True(status == HttpStatusCode.OK, $"fx not imported: {body.ToJsonString()}");
    }

    public Task<(HttpStatusCode Status, JsonObject Body)> PortfolioGetAsync(Guid user, string path) =>
        SendAsync(PortfolioHttp, HttpMethod.Get, path, null, Tokens.ForUser(user));

    public Task<(HttpStatusCode Status, JsonObject Body)> SendJsonPortfolioAsync(Guid user, HttpMethod method, string path, object? body = null) =>
        SendAsync(PortfolioHttp, method, path, body, Tokens.ForUser(user));

    /// <summary>A Dividends route as the user.</summary>
    public Task<(HttpStatusCode Status, JsonObject Body)> AsUserAsync(Guid user, HttpMethod method, string path, object? body = null) =>
        SendJsonAsync(method, path, body ?? (method == HttpMethod.Get || method == HttpMethod.Delete ? null : new { }), Tokens.ForUser(user));

    public async Task<JsonObject> SyncAsync(Guid user)
    {
        var (status, body) = await AsUserAsync(user, HttpMethod.Post, "/v1/dividends:sync");
        Assert.True(status == HttpStatusCode.OK, $"sync failed: {body.ToJsonString()}");
        return body;
    }

    public async Task<JsonArray> DividendsAsync(Guid user, string query = "")
    {
        var (status, body) = await AsUserAsync(user, HttpMethod.Get, "/v1/dividends" + query);
        Assert.Equal(HttpStatusCode.OK, status);
        return body["dividends"]!.AsArray();
    }

    public async Task<long> CountAsync(string sql, params object[] args)
    {
        await using var command = Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<(HttpStatusCode Status, JsonObject Body)> SendAsync(HttpClient http, HttpMethod method, string path, object? body, string token)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }
        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject());
    }

    public override async Task DisposeAsync()
    {
        PortfolioGrpc?.Dispose();
        PortfolioHttp?.Dispose();
        MarketDataHttp?.Dispose();
        if (_portfolio is not null)
        {
            await _portfolio.DisposeAsync();
        }
        if (_marketData is not null)
        {
            await _marketData.DisposeAsync();
        }
        await base.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
    }
}
