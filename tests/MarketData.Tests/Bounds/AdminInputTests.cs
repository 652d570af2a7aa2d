using System.Net;
using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.MarketData.Tests.Bounds;

/// <summary>
/// The admin imports and the stock upsert over HTTP/JSON and native gRPC (the real Program over
/// PostgreSQL and Redis): a number beyond NumericBounds or a control character in a name is a 400 /
/// INVALID_ARGUMENT naming the field, and nothing is written.
/// </summary>
public sealed class AdminInputTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private Metadata ServiceHeaders => new() { { "Authorization", "Bearer " + harness.Tokens.ForServiceRole() } };

    private Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object body) =>
        harness.SendJsonAsync(HttpMethod.Post, path, body, harness.Tokens.ForServiceRole());

    private async Task<long> CountAsync(string sql, string key)
    {
        await using var command = harness.Superuser.CreateCommand(sql);
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = key });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static IReadOnlyList<string> Fields(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    [Fact]
    public async Task AHugeImportedPriceIsA400NamingItsBarAndNoBarIsStored()
    {
        var bars = new[]
        {
            new { date = "2024-01-02", open = "10", high = "11", low = "9.5", close = "10.5", volume = 1000 },
            new { date = "2024-01-03", open = "10", high = "79228162514264337593543950335", low = "9.5", close = "10.5", volume = 1000 },
        };

        var (status, body) = await PostAsync("/v1/admin/prices:import", new { symbol = "ZZHUGE", currency = "USD", bars });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["bars[1].high"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(0, await CountAsync("select count(*) from historical_prices where symbol = $1", "ZZHUGE"));
    }

    [Fact]
    public async Task AHugeImportedPriceOverGrpcIsInvalidArgumentNamingItsBar()
    {
        var client = new PriceService.PriceServiceClient(harness.Grpc);
        var request = new ImportPricesRequest { Symbol = "ZZHUGEG", Currency = "USD" };
        request.Bars.Add(new PriceBar { Date = "2024-01-02", Open = "10", High = "1000000000.5", Low = "9.5", Close = "10.5", Volume = 1 });

        var error = await Assert.ThrowsAsync<RpcException>(() => client.ImportPricesAsync(request, ServiceHeaders).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["bars[0].high"], Fields(error));
        Assert.Equal(0, await CountAsync("select count(*) from historical_prices where symbol = $1", "ZZHUGEG"));
    }

    [Fact]
    public async Task AnFxRateOutsideItsBoundsIsNamedOverJsonAndGrpc()
    {
        var client = new FxService.FxServiceClient(harness.Grpc);
        var request = new ImportFxRatesRequest { FromCurrency = "XAU", ToCurrency = "XPT" };
        request.Rates.Add(new DailyRate { Date = "2024-01-02", Rate = "0.0000000001" });

        var (status, body) = await PostAsync("/v1/admin/fx:import",
            new { fromCurrency = "XAU", toCurrency = "XPT", rates = new[] { new { date = "2024-01-02", rate = "2000000000" } } });
        var error = await Assert.ThrowsAsync<RpcException>(() => client.ImportFxRatesAsync(request, ServiceHeaders).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["rates[0].rate"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["rates[0].rate"], Fields(error));
        Assert.Equal(0, await CountAsync("select count(*) from forex_rates where from_currency = $1", "XAU"));
    }

    [Fact]
    public async Task ACompanyOrExchangeNameWithANulIsNamedOverJsonAndGrpc()
    {
        var client = new StockService.StockServiceClient(harness.Grpc);

        var (status, body) = await PostAsync("/v1/admin/stocks",
            new { symbol = "ZZNUL", currency = "USD", companyName = "Nul\0 Corp", exchange = "NYSE" });
        var error = await Assert.ThrowsAsync<RpcException>(() => client.UpsertStockAsync(
            new UpsertStockRequest { Symbol = "ZZNUL", Currency = "USD", CompanyName = "Nul Corp", Exchange = "NY\nSE" }, ServiceHeaders).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3));
        Assert.Equal(["companyName"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["exchange"], Fields(error));
        Assert.Equal(0, await CountAsync("select count(*) from stocks where symbol = $1", "ZZNUL"));
    }
}
