using System.Net;
using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.MarketData.Offline;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.MarketData.Tests.Dividends;

/// <summary>
/// Dividend events as market data over HTTP/JSON and native gRPC (the real Program over
/// PostgreSQL and Redis): the service-role import upserts by (symbol, ex-date, type) and is
/// idempotent, bad events are named and change nothing, any signed-in user reads them per
/// symbol, and the Dividends service reads many symbols in one call.
/// </summary>
public sealed class DividendEventRoutesTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private static string NewSymbol() => "D" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    private Metadata ServiceHeaders => new() { { "Authorization", "Bearer " + harness.Tokens.ForServiceRole() } };

    private Task<(HttpStatusCode Status, JsonObject Body)> ImportAsync(object body, string? token = null) =>
        harness.SendJsonAsync(HttpMethod.Post, "/v1/admin/dividends:import", body, token ?? harness.Tokens.ForServiceRole());

    private static object IbmLike(string symbol) => new
    {
        symbol,
        currency = "USD",
        events = new object[]
        {
            new { exDate = "2024-02-08", payDate = "2024-03-09", recordDate = "2024-02-09", declarationDate = "2024-01-30", amount = "1.66" },
            new { exDate = "2024-05-09", payDate = "2024-06-10", recordDate = "2024-05-10", declarationDate = "2024-04-30", amount = "1.67" },
            new { exDate = "2024-05-09", amount = "0.05", dividendType = "stock" },
        },
    };

    private async Task<List<string>> StoredRowsAsync(string symbol)
    {
        await using var command = harness.Superuser.CreateCommand(
            """
            select concat_ws('|', ex_date, pay_date, record_date, declaration_date, amount, currency, dividend_type, source, updated_at)
            from dividend_events where symbol = $1 order by ex_date, dividend_type
            """);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = symbol });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    private static IReadOnlyList<string> Fields(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    [Fact]
    public async Task ImportingTheSameEventsTwiceLeavesTheSameRowsUntouched()
    {
        var symbol = NewSymbol();

        var (firstStatus, first) = await ImportAsync(IbmLike(symbol));
        var afterFirst = await StoredRowsAsync(symbol);
        var (secondStatus, second) = await ImportAsync(IbmLike(symbol));
        var afterSecond = await StoredRowsAsync(symbol);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(3, first["upserted"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal(0, second["upserted"]!.GetValue<int>());
        Assert.Equal(3, afterFirst.Count);
        Assert.Equal(afterFirst, afterSecond); // updated_at included: nothing was rewritten
    }

    [Fact]
    public async Task ANewAmountForAKnownEventUpdatesItsRowAndAMissingDateKeepsTheStoredOne()
    {
        var symbol = NewSymbol();
        await ImportAsync(IbmLike(symbol));

        var (status, body) = await ImportAsync(new
        {
            symbol,
            currency = "USD",
            events = new[] { new { exDate = "2024-02-08", amount = "1.70" } },
        });
        var rows = await StoredRowsAsync(symbol);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(1, body["upserted"]!.GetValue<int>());
        Assert.Equal(3, rows.Count);
        Assert.StartsWith("2024-02-08|2024-03-09|2024-02-09|2024-01-30|1.70|USD|cash|import|", rows[0]);
    }

    [Fact]
    public async Task BadEventsAreA400NamingEachFieldAndNothingIsWritten()
    {
        var symbol = NewSymbol();
        var (status, body) = await ImportAsync(new
        {
            symbol,
            currency = "USD",
            events = new object[]
            {
                new { exDate = "2024-02-08", payDate = "2024-03-09", amount = "1.66" },
                new { exDate = "2024-05-09", payDate = "2024-05-08", amount = "1.67" },
                new { exDate = "2024-08-08", amount = "0" },
                new { exDate = "2024-11-08", amount = "1.67", dividendType = "special" },
                new { exDate = "08/11/2025", amount = "1000000000.5" },
            },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(
            ["events[1].payDate", "events[2].amount", "events[3].dividendType", "events[4].exDate", "events[4].amount"],
            RpcStatusJson.ViolatedFields(body));
        Assert.Empty(await StoredRowsAsync(symbol));
    }

    [Fact]
    public async Task ABadEventOverGrpcIsInvalidArgumentNamingItsFieldAndNothingIsWritten()
    {
        var symbol = NewSymbol();
        var client = new DividendEventService.DividendEventServiceClient(harness.Grpc);
        var request = new ImportDividendEventsRequest { Symbol = symbol, Currency = "usd" };
        request.Events.Add(new DividendEventInput { ExDate = "2024-02-08", Amount = "1.66" });
        request.Events.Add(new DividendEventInput { ExDate = "2024-05-09", Amount = "-1" });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ImportDividendEventsAsync(request, ServiceHeaders).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["currency", "events[1].amount"], Fields(error));
        Assert.Empty(await StoredRowsAsync(symbol));
    }

    [Fact]
    public async Task TheSameExDateAndTypeTwiceInOneImportIsNamedAndNothingIsWritten()
    {
        var symbol = NewSymbol();
        var (status, body) = await ImportAsync(new
        {
            symbol,
            currency = "EUR",
            events = new[] { new { exDate = "2024-02-08", amount = "1.66" }, new { exDate = "2024-02-08", amount = "1.67" } },
        });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["events"], RpcStatusJson.ViolatedFields(body));
        Assert.Empty(await StoredRowsAsync(symbol));
    }

    [Fact]
    public async Task AUserTokenCannotImportDividendEventsOverJsonOrGrpc()
    {
        var symbol = NewSymbol();
        var request = new ImportDividendEventsRequest { Symbol = symbol, Currency = "USD" };
        request.Events.Add(new DividendEventInput { ExDate = "2024-02-08", Amount = "1.66" });
        var client = new DividendEventService.DividendEventServiceClient(harness.Grpc);

        var (status, _) = await ImportAsync(IbmLike(symbol), harness.Tokens.ForUser(Guid.NewGuid()));
        var error = await Assert.ThrowsAsync<RpcException>(() => client.ImportDividendEventsAsync(request, harness.UserHeaders()).ResponseAsync);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Empty(await StoredRowsAsync(symbol));
    }

    [Fact]
    public async Task AnySignedInUserReadsASymbolsEventsBetweenTwoDates()
    {
        var symbol = NewSymbol();
        await ImportAsync(IbmLike(symbol));

        var (status, body) = await harness.GetJsonAsync($"/v1/stocks/{symbol.ToLowerInvariant()}/dividends?from=2024-05-01&to=2024-12-31");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(symbol, body["symbol"]!.GetValue<string>());
        var events = body["events"]!.AsArray().Select(e => e!.AsObject()).ToList();
        Assert.Equal(2, events.Count);
        var cash = events[0];
        Assert.Equal("2024-05-09", cash["exDate"]!.GetValue<string>());
        Assert.Equal("2024-06-10", cash["payDate"]!.GetValue<string>());
        Assert.Equal("2024-05-10", cash["recordDate"]!.GetValue<string>());
        Assert.Equal("2024-04-30", cash["declarationDate"]!.GetValue<string>());
        Assert.Equal("1.67", cash["amount"]!.GetValue<string>());
        Assert.Equal("USD", cash["currency"]!.GetValue<string>());
        Assert.Equal("cash", cash["dividendType"]!.GetValue<string>());
        Assert.Equal("import", cash["source"]!.GetValue<string>());
        Assert.Equal("stock", events[1]["dividendType"]!.GetValue<string>());
        Assert.Equal("", events[1]["payDate"]!.GetValue<string>()); // unknown
    }

    [Fact]
    public async Task ABadRangeIsA400NamingTheField()
    {
        var (status, body) = await harness.GetJsonAsync("/v1/stocks/IBM/dividends?from=2024-13-01");
        var (reversed, reversedBody) = await harness.GetJsonAsync("/v1/stocks/IBM/dividends?from=2024-06-01&to=2024-01-01");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["from"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(HttpStatusCode.BadRequest, reversed);
        Assert.Equal(["from"], RpcStatusJson.ViolatedFields(reversedBody));
    }

    [Fact]
    public async Task TheBatchReadReturnsEveryAskedSymbolInOneCallInTheOrderAsked()
    {
        string a = NewSymbol(), b = NewSymbol(), none = NewSymbol();
        await ImportAsync(IbmLike(a));
        await ImportAsync(new { symbol = b, currency = "EUR", events = new[] { new { exDate = "2023-05-04", amount = "2.5" }, new { exDate = "2024-05-04", amount = "2.6" } } });
        var client = new DividendEventService.DividendEventServiceClient(harness.Grpc);
        var request = new GetDividendEventsBatchRequest { From = "2024-01-01", To = "2024-12-31" };
        request.Symbols.Add([b, none, a]);

        var response = await client.GetDividendEventsBatchAsync(request, harness.UserHeaders());

        Assert.Equal([b, none, a], response.Series.Select(s => s.Symbol));
        Assert.Equal(["2024-05-04"], response.Series[0].Events.Select(e => e.ExDate));
        Assert.Equal("EUR", response.Series[0].Events[0].Currency);
        Assert.Equal("2.6", response.Series[0].Events[0].Amount);
        Assert.Empty(response.Series[1].Events);
        Assert.Equal(["2024-02-08", "2024-05-09", "2024-05-09"], response.Series[2].Events.Select(e => e.ExDate));
    }

    [Fact]
    public async Task TheChangeFeedNamesASymbolWhoseEventsChangedAndNeverMovesBackwards()
    {
        var since = DateTime.UtcNow.AddMinutes(-1);
        var symbol = NewSymbol();
        await ImportAsync(IbmLike(symbol));
        var client = new DividendEventService.DividendEventServiceClient(harness.Grpc);

        var response = await client.ListChangedDividendSymbolsAsync(
            new ListChangedDividendSymbolsRequest { Since = since.ToString("O") }, harness.UserHeaders());

        Assert.Contains(symbol, response.Symbols);
        Assert.True(DateTimeOffset.Parse(response.AsOf, System.Globalization.CultureInfo.InvariantCulture) >= since.AddMilliseconds(-1));
    }

    [Fact]
    public async Task TheOfflineDatasetsDividendsAreStoredAsEventsAndASecondLoadChangesNothing()
    {
        var symbol = NewSymbol();
        var folder = Directory.CreateTempSubdirectory("dividends-dataset").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "dividends.csv"),
            $"""
            symbol,ex_date,pay_date,amount,currency
            {symbol},2024-02-08,2024-03-09,1.66,USD
            {symbol},2024-05-09,,1.67,CHF
            """);
        var importer = harness.Services.GetRequiredService<OfflineImporter>();

        var first = await importer.ImportAsync(new OfflineDataset(folder), CancellationToken.None);
        var second = await importer.ImportAsync(new OfflineDataset(folder), CancellationToken.None);
        var rows = await StoredRowsAsync(symbol);

        Assert.Equal(2, first.DividendEvents);
        Assert.Equal(0, second.DividendEvents);
        Assert.Equal(2, rows.Count);
        Assert.StartsWith("2024-02-08|2024-03-09|1.66|USD|cash|dataset|", rows[0]);
        Assert.StartsWith("2024-05-09|1.67|CHF|cash|dataset|", rows[1]);
        Directory.Delete(folder, recursive: true);
    }
}
