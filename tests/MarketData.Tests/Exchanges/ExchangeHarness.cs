using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Grpc;
using PortfolioTracker.MarketData.Tests.Support;
using PortfolioTracker.ServiceDefaults;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.MarketData.Tests.Exchanges;

/// <summary>
/// The exchange routes as the service hosts them (service defaults: token validation, the RLS
/// database, gRPC with JSON transcoding) on real Kestrel ports, over a migrated PostgreSQL
/// reached as <c>authenticator</c>. Tokens are signed by a key only this harness trusts; the
/// clock is manual so "this year" is chosen by the test.
/// </summary>
public sealed class ExchangeHarness : IAsyncLifetime
{
    private readonly ECDsa _signingKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    private WebApplication? _app;

    public PostgresServer Postgres { get; private set; } = null!;

    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public ManualClock Clock { get; } = new(new DateTimeOffset(2024, 6, 19, 12, 0, 0, TimeSpan.Zero));

    public HttpClient Http { get; private set; } = null!;

    public GrpcChannel Grpc { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartMigratedAsync();
        Superuser = NpgsqlDataSource.Create(Postgres.SuperuserConnectionString());
        int httpPort = FreePort.Next(), grpcPort = FreePort.Next();

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [$"ConnectionStrings:{DatabaseExtensions.ConnectionName}"] = Postgres.AuthenticatorConnectionString,
        });
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, httpPort, listen => listen.Protocols = HttpProtocols.Http1);
            kestrel.Listen(IPAddress.Loopback, grpcPort, listen => listen.Protocols = HttpProtocols.Http2);
        });
        builder.AddGrpcServiceDefaults();
        // The gateway's published keys, as the service would have fetched them.
        builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, options =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = TokenSettings.DefaultIssuer };
            configuration.SigningKeys.Add(new ECDsaSecurityKey(_signingKey));
            options.Configuration = configuration;
        });
        builder.Services.AddSingleton<TimeProvider>(Clock);
        builder.Services.AddSingleton<ExchangeRepository>();

        _app = builder.Build();
        _app.UseGrpcServiceDefaults();
        _app.MapGrpcService<ExchangeGrpcService>().RequireAuthorization();
        await _app.StartAsync();

        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}") };
        Grpc = GrpcChannel.ForAddress($"http://127.0.0.1:{grpcPort}");
    }

    /// <summary>A signed-in user's token (role <c>authenticated</c>), as the gateway issues it.</summary>
    public string UserToken() => Sign(new Dictionary<string, object>
    {
        ["sub"] = Guid.NewGuid().ToString(),
        ["role"] = DbClaims.Authenticated,
    });

    public Metadata UserHeaders() => new() { { "Authorization", "Bearer " + UserToken() } };

    public async Task<(HttpStatusCode Status, JsonObject Body)> GetJsonAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", UserToken());
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>A fresh exchange code per test: the tests share one database.</summary>
    public static string NewCode() => "X" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    public async Task AddTradingHoursAsync(string symbol, string exchange, string timezone, string open, string close, bool preMarket = false, bool afterHours = false)
    {
        await ExecuteAsync(
            """
            insert into symbol_exchanges (symbol, exchange, exchange_timezone, market_open_time, market_close_time, has_pre_market, has_after_hours)
            values ($1, $2, $3, $4::time, $5::time, $6, $7)
            """,
            symbol, exchange, timezone, open, close, preMarket, afterHours);
    }

    public async Task AddStockAsync(string symbol, string exchange)
    {
        await using var command = Superuser.CreateCommand("insert into stocks (symbol, company_name, exchange, currency) values ($1, $1, $2, 'USD')");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = symbol });
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = exchange });
        await command.ExecuteNonQueryAsync();
    }

    public async Task AddHolidayAsync(string exchange, string date, string name, string? earlyClose = null) =>
        await ExecuteAsync(
            "insert into market_holidays (exchange, date, name, early_close_time) values ($1, $2::date, $3, $4::time)",
            exchange, date, name, (object?)earlyClose ?? DBNull.Value);

    private async Task ExecuteAsync(string sql, params object?[] args)
    {
        await using var command = Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(arg is DBNull
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = arg });
        }
        await command.ExecuteNonQueryAsync();
    }

    private string Sign(Dictionary<string, object> claims)
    {
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenSettings.DefaultIssuer,
            Audience = TokenSettings.DefaultAudience,
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(10),
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(_signingKey), TokenSettings.SigningAlgorithm),
        });
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        Grpc?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await Superuser.DisposeAsync();
        await Postgres.DisposeAsync();
        _signingKey.Dispose();
    }
}
