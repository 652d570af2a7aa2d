using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Grpc.Core;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Hosting;
using PortfolioTracker.ServiceDefaults.Cache;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.TestSupport;

/// <summary>
/// A service's real <c>Program</c> in process (a <see cref="WebApplicationFactory{TEntryPoint}"/>
/// test server), over a throwaway migrated PostgreSQL reached as <c>authenticator</c> and a
/// throwaway Redis. Clients: <see cref="Http"/> for the JSON routes and <see cref="Grpc"/> for
/// native gRPC, both on the test server's in-memory handler. Tokens come from
/// <see cref="Tokens"/>, whose key the service is made to trust. Use it as a class fixture, or
/// derive to add settings, services and arrange helpers.
/// </summary>
public class ServiceHarness<TProgram> : IAsyncLifetime where TProgram : class
{
    private WebApplicationFactory<TProgram>? _factory;

    public PostgresServer Postgres { get; private set; } = null!;

    public RedisServer Redis { get; private set; } = null!;

    /// <summary>The migrating superuser, to arrange rows and inspect them past RLS.</summary>
    public NpgsqlDataSource Superuser { get; private set; } = null!;

    public TestTokens Tokens { get; } = new();

    public HttpClient Http { get; private set; } = null!;

    public GrpcChannel Grpc { get; private set; } = null!;

    /// <summary>The service's own container, to reach what it registered.</summary>
    public IServiceProvider Services => _factory!.Services;

    public virtual async Task InitializeAsync()
    {
        Postgres = await PostgresServer.StartMigratedAsync();
        Redis = await RedisServer.StartAsync();
        Superuser = NpgsqlDataSource.Create(Postgres.SuperuserConnectionString());

        _factory = InProcessServices.Configure(new WebApplicationFactory<TProgram>(), Postgres, Redis, Tokens, Settings(), ConfigureServices);
        if (OnRealSockets)
        {
            _factory.UseKestrel();
            _factory.StartServer();
            return;
        }
        Http = _factory.CreateClient();
        Grpc = InProcessServices.Channel(_factory.Server);
    }

    /// <summary>
    /// True to run the service on real Kestrel sockets, at the endpoints its configuration names
    /// (what TLS and ALPN need), instead of the in-memory test server. <see cref="Http"/> and
    /// <see cref="Grpc"/> are not made then: the derived harness knows which endpoint to reach.
    /// </summary>
    protected virtual bool OnRealSockets => false;

    /// <summary>Configuration the service reads beyond its connection strings.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Settings() => [];

    /// <summary>Replacements after the service's own registrations (a manual clock …).</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    /// <summary>gRPC call headers carrying a signed-in user's token (a fresh user when none is named).</summary>
    public Metadata UserHeaders(Guid? userId = null) =>
        new() { { "Authorization", "Bearer " + Tokens.ForUser(userId ?? Guid.NewGuid()) } };

    /// <summary>A GET of a JSON route with a signed-in user's token (a fresh user when none is named).</summary>
    public Task<(HttpStatusCode Status, JsonObject Body)> GetJsonAsync(string path, Guid? userId = null) =>
        SendJsonAsync(HttpMethod.Get, path, body: null, Tokens.ForUser(userId ?? Guid.NewGuid()));

    /// <summary>Any JSON route, with the given bearer token or none; an empty body reads as <c>{}</c>.</summary>
    public async Task<(HttpStatusCode Status, JsonObject Body)> SendJsonAsync(HttpMethod method, string path, object? body, string? token)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        if (body is not null)
        {
            request.Content = body as HttpContent ?? JsonContent.Create(body);
        }
        using var response = await Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, string.IsNullOrEmpty(text) ? [] : JsonNode.Parse(text)!.AsObject());
    }

    /// <summary>Runs arranging SQL as the superuser; arguments are positional (<c>$1</c> …).</summary>
    public async Task ExecuteAsync(string sql, params object?[] args)
    {
        await using var command = Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(arg is null or DBNull
                ? new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text }
                : new NpgsqlParameter { Value = arg });
        }
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Cuts every connection the service holds to PostgreSQL, as a failover or a network blip
    /// would; returns how many were cut.
    /// </summary>
    public async Task<int> TerminateServiceConnectionsAsync()
    {
        await using var command = Superuser.CreateCommand(
            "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity where usename = 'authenticator'");
        return (int)(long)(await command.ExecuteScalarAsync())!;
    }

    /// <summary>A row in <c>auth.users</c>, which every user table references.</summary>
    public async Task<Guid> AddUserAsync()
    {
        var id = Guid.NewGuid();
        await ExecuteAsync("insert into auth.users (id, email, password_hash) values ($1, $2, 'not-a-real-hash')", id, $"{id:N}@example.test");
        return id;
    }

    /// <summary>
    /// Stops the service as SIGTERM would (the host's graceful stop: the server ends its requests,
    /// then every hosted service's <c>StopAsync</c>); PostgreSQL and Redis keep running for the
    /// test to inspect. The service cannot be reached afterwards.
    /// </summary>
    public async Task StopServiceAsync()
    {
        if (_factory is not null)
        {
            var factory = _factory;
            _factory = null;
            await factory.DisposeAsync();
        }
    }

    public virtual async Task DisposeAsync()
    {
        Http?.Dispose();
        Grpc?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }
        if (Superuser is not null)
        {
            await Superuser.DisposeAsync();
        }
        if (Redis is not null)
        {
            await Redis.DisposeAsync();
        }
        if (Postgres is not null)
        {
            await Postgres.DisposeAsync();
        }
        Tokens.Dispose();
    }
}
