extern alias marketdata;
using System.Collections.Concurrent;
using Google.Protobuf;
using Grpc.AspNetCore.Server;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>
/// Portfolio and MarketData in process, each its real Program, over one throwaway PostgreSQL and
/// Redis and one token key: Portfolio reaches MarketData over native gRPC with the caller's
/// token, as in production, only through the test server's in-memory handler. MarketData
/// records every call it serves (<see cref="Calls"/>), so a test can count what a request cost.
/// </summary>
public class MarketSuiteHarness : ServiceHarness<Program>
{
    private WebApplicationFactory<marketdata::Program>? _marketData;

    /// <summary>MarketData's native gRPC, reached directly (not through Portfolio).</summary>
    public GrpcChannel MarketDataGrpc { get; private set; } = null!;

    /// <summary>Every call MarketData served: its method path and its request message.</summary>
    public ConcurrentQueue<(string Method, byte[] Request)> Calls { get; } = new();

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _marketData = InProcessServices.Configure(new WebApplicationFactory<marketdata::Program>(), Postgres, Redis, Tokens, [],
            services => services.Configure<GrpcServiceOptions>(options => options.Interceptors.Add<CallRecorder>(Calls)));
        _marketData.StartServer();
        MarketDataGrpc = InProcessServices.Channel(_marketData.Server);
    }

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() => InProcessServices.Addresses;

    /// <summary>What Portfolio logged.</summary>
    public LogRecorder Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services)
    {
        InProcessServices.RouteClients(services, marketData: () => _marketData!.Server);
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);
    }

    /// <summary>The calls MarketData served while <paramref name="action"/> ran.</summary>
    public async Task<List<(string Method, byte[] Request)>> CallsDuringAsync(Func<Task> action)
    {
        Calls.Clear();
        await action();
        return [.. Calls];
    }

    public override async Task DisposeAsync()
    {
        MarketDataGrpc?.Dispose();
        if (_marketData is not null)
        {
            await _marketData.DisposeAsync();
        }
        await base.DisposeAsync();
    }

    /// <summary>Records each unary call MarketData serves, before it runs.</summary>
    private sealed class CallRecorder(ConcurrentQueue<(string Method, byte[] Request)> calls) : Interceptor
    {
        public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
            TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
        {
            calls.Enqueue((context.Method, request is IMessage message ? message.ToByteArray() : []));
            return continuation(request, context);
        }
    }
}
