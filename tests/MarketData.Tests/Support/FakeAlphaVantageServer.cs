using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>
/// A real HTTP server on a free loopback port that speaks like Alpha Vantage: it replays the
/// fixture for a request's function and symbol, or, when a test scripted replies, those first
/// (in order). It records every request it receives.
/// </summary>
public sealed class FakeAlphaVantageServer : IAsyncDisposable
{
    private static readonly Dictionary<(string Function, string Subject), string> Routes = new()
    {
        [("TIME_SERIES_DAILY", "IBM")] = Fixtures.DailyIbm2020,
        [("TIME_SERIES_DAILY", "AAPL")] = Fixtures.DailyAapl2024,
        [("TIME_SERIES_DAILY_ADJUSTED", "IBM")] = Fixtures.DailyAdjustedIbm2024,
        [("FX_DAILY", "EUR/USD")] = Fixtures.FxEurUsd2020,
        [("FX_DAILY", "USD/EUR")] = Fixtures.FxUsdEur2024,
        [("GLOBAL_QUOTE", "IBM")] = Fixtures.QuoteIbm2020,
        [("OVERVIEW", "IBM")] = Fixtures.OverviewIbm2024,
        [("INCOME_STATEMENT", "IBM")] = Fixtures.IncomeStatementIbm2020,
        [("DIVIDENDS", "IBM")] = Fixtures.DividendsIbm2024,
        [("SPLITS", "IBM")] = Fixtures.SplitsIbm,
    };

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<FakeReply> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();

    private FakeAlphaVantageServer(WebApplication app, Uri baseUrl)
    {
        _app = app;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    public static async Task<FakeAlphaVantageServer> StartAsync()
    {
        var baseUrl = new Uri($"http://127.0.0.1:{FreePort.Next()}/");
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(baseUrl.ToString());
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeAlphaVantageServer(app, baseUrl);
        app.MapGet("/query", server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    /// <summary>Replies for the next requests, in order; after them, fixtures by function and symbol.</summary>
    public void Script(params FakeReply[] replies)
    {
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }
    }

    /// <summary>The same reply for the next <paramref name="count"/> requests.</summary>
    public void Script(int count, FakeReply reply) => Script([.. Enumerable.Repeat(reply, count)]);

    /// <summary>Returns once <paramref name="count"/> requests have arrived (to act while one is in flight).</summary>
    public async Task WaitForRequestsAsync(int count)
    {
        using var giveUp = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (_received.Count < count)
        {
            await Task.Delay(10, giveUp.Token);
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var query = context.Request.Query;
        string? function = query["function"];
        var subject = query.ContainsKey("symbol") ? query["symbol"].ToString() : $"{query["from_symbol"]}/{query["to_symbol"]}";
        _received.Enqueue(new ReceivedRequest(function, subject, query["apikey"], context.Request.QueryString.Value ?? ""));

        var reply = _script.TryDequeue(out var scripted)
            ? scripted
            : FakeReply.Fixture(Routes.GetValueOrDefault((function ?? "", subject), Fixtures.InvalidSymbol));
        await ReplyAsync(context, reply);
    }

    private static async Task ReplyAsync(HttpContext context, FakeReply reply)
    {
        switch (reply)
        {
            case FakeReply.FixtureReply fixture:
                context.Response.ContentType = "application/json";
                await context.Response.SendFileAsync(Fixtures.PathOf(fixture.FileName), context.RequestAborted);
                break;
            case FakeReply.BodyReply body:
                context.Response.StatusCode = body.StatusCode;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(body.Body, context.RequestAborted);
                break;
            case FakeReply.DelayedReply delayed:
                try
                {
                    await Task.Delay(delayed.Delay, context.RequestAborted);
                }
                catch (OperationCanceledException)
                {
                    return; // the client gave up first
                }
                await ReplyAsync(context, delayed.Then);
                break;
            case FakeReply.AbortReply:
                context.Abort();
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
