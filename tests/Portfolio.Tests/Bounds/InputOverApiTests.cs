using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;
using Npgsql;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>
/// Numbers beyond the bounds and control characters over the Portfolio service's JSON routes and
/// native gRPC (the real Program over PostgreSQL and Redis): 400 / INVALID_ARGUMENT naming the
/// field as the JSON API names it, and nothing stored. Also the fractional-share dust rule end to end.
/// </summary>
public sealed class InputOverApiTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private static object Buy(string quantity = "10", string price = "150.75", string? notes = null, string type = "BUY", string date = "2024-01-15") =>
        new { transactionType = type, symbol = "AAPL", quantity, price, date, currency = "USD", notes };

    private Task<long> StoredTransactionsAsync(Guid user) => CountAsync("select count(*) from transactions where user_id = $1", user);

    private async Task<long> CountAsync(string sql, Guid user)
    {
        await using var command = harness.Superuser.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string path, object body, Guid user) =>
        await harness.SendJsonAsync(HttpMethod.Post, path, body, harness.Tokens.ForUser(user));

    [Theory]
    [InlineData("79228162514264337593543950335", "1", "quantity")] // decimal's maximum: once a 500
    [InlineData("1", "79228162514264337593543950335", "price")]
    [InlineData("1000000000000", "1000000000", "quantity")] // each in bounds, the product not
    public async Task ANumberBeyondItsBoundIsA400NamingTheFieldAndStoresNothing(string quantity, string price, string field)
    {
        var user = await harness.AddUserAsync();

        var (status, body) = await PostAsync("/v1/transactions", Buy(quantity, price), user);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3));
        Assert.Equal([field], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(0, await StoredTransactionsAsync(user));
    }

    [Fact]
    public async Task AHugeQuantityOverGrpcIsInvalidArgumentNamingQuantity()
    {
        var user = await harness.AddUserAsync();
        var client = new TransactionService.TransactionServiceClient(harness.Grpc);

        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "BUY", Symbol = "AAPL", Quantity = "79228162514264337593543950335", Price = "1", Date = "2024-01-15", Currency = "USD",
        }, harness.UserHeaders(user)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["quantity"], BadRequestFields(error));
        Assert.Equal(0, await StoredTransactionsAsync(user));
    }

    [Fact]
    public async Task ANulInNotesIsA400NamingNotesOverJsonAndGrpc()
    {
        var user = await harness.AddUserAsync();
        var client = new TransactionService.TransactionServiceClient(harness.Grpc);

        var (status, body) = await PostAsync("/v1/transactions", Buy(notes: "bought\0"), user);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "BUY", Symbol = "AAPL", Quantity = "1", Price = "1", Date = "2024-01-15", Currency = "USD", Notes = "bought\0",
        }, harness.UserHeaders(user)).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["notes"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["notes"], BadRequestFields(error));
        Assert.Equal(0, await StoredTransactionsAsync(user));
    }

    [Fact]
    public async Task NotesKeepTheirLineBreaks()
    {
        var user = await harness.AddUserAsync();

        var (status, body) = await PostAsync("/v1/transactions", Buy(notes: "first lot\nsecond line\tok"), user);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("first lot\nsecond line\tok", body["notes"]!.GetValue<string>());
    }

    [Fact]
    public async Task APortfolioNameWithANulOrALineBreakIsA400NamingName()
    {
        var user = await harness.AddUserAsync();
        var client = new PortfolioService.PortfolioServiceClient(harness.Grpc);

        var (status, body) = await PostAsync("/v1/portfolios", new { name = "Main\0" }, user);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreatePortfolioAsync(
            new CreatePortfolioRequest { Name = "Main\r\nInjected: line" }, harness.UserHeaders(user)).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["name"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(["name"], BadRequestFields(error));
        Assert.Equal(0, await CountAsync("select count(*) from portfolios where user_id = $1 and name like 'Main%'", user));
    }

    [Fact]
    public async Task AnImportRowWithANulOrAHugePriceIsNamedByRowAndNothingIsImported()
    {
        var user = await harness.AddUserAsync();
        const string Csv = "type,symbol,quantity,price,date,currency,commission,notes\n"
            + "BUY,AAPL,10,150,2024-01-15,USD,0,fine\n"
            + "BUY,MSFT,5,300,2024-01-16,USD,0,bad\0note\n"
            + "BUY,NVDA,1,2000000000,2024-01-17,USD,0,\n";
        var client = new TransactionService.TransactionServiceClient(harness.Grpc);

        var (status, body) = await PostAsync("/v1/transactions:import", new { content = Csv }, user);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.ImportTransactionsAsync(
            new ImportTransactionsRequest { Content = Csv }, harness.UserHeaders(user)).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["rows[2].notes", "rows[3].price"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(["rows[2].notes", "rows[3].price"], BadRequestFields(error));
        Assert.Equal(0, await StoredTransactionsAsync(user));
    }

    [Fact]
    public async Task SellingOneOfAThirdPlusTwoThirdsClosesTheHoldingWithZeroCost()
    {
        var user = await harness.AddUserAsync();
        await PostAsync("/v1/transactions", Buy("0.3333333333333333", date: "2024-01-15"), user);
        await PostAsync("/v1/transactions", Buy("0.6666666666666666", date: "2024-01-16"), user);

        var (status, _) = await PostAsync("/v1/transactions", Buy("1", "160", type: "SELL", date: "2024-02-01"), user);
        var (_, holdings) = await harness.GetJsonAsync("/v1/holdings?includeClosed=true", user);

        Assert.Equal(HttpStatusCode.OK, status);
        var holding = Assert.Single(holdings["holdings"]!.AsArray())!;
        Assert.Equal(0m, decimal.Parse(holding["quantity"]!.GetValue<string>(), CultureInfo.InvariantCulture));
        Assert.Equal("", holding["averagePrice"]?.GetValue<string>() ?? "");
    }

    [Fact]
    public async Task SellingAMillionthMoreThanHeldIsStillRefusedOverJsonAndGrpc()
    {
        var user = await harness.AddUserAsync();
        await PostAsync("/v1/transactions", Buy("0.3333333333333333", date: "2024-01-15"), user);
        await PostAsync("/v1/transactions", Buy("0.6666666666666666", date: "2024-01-16"), user);
        var client = new TransactionService.TransactionServiceClient(harness.Grpc);

        var (status, body) = await PostAsync("/v1/transactions", Buy("1.000001", "160", type: "SELL", date: "2024-02-01"), user);
        var error = await Assert.ThrowsAsync<RpcException>(() => client.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "SELL", Symbol = "AAPL", Quantity = "1.000001", Price = "160", Date = "2024-02-01", Currency = "USD",
        }, harness.UserHeaders(user)).ResponseAsync);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["quantity"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(["quantity"], BadRequestFields(error));
        Assert.Equal(2, await StoredTransactionsAsync(user));
    }

    private static IReadOnlyList<string> BadRequestFields(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
