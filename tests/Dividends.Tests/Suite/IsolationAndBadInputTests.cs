using Npgsql;
using Google.Rpc;

namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary>Another user's dividend is unknown on every route; a bad edit is a 400 naming the field and changes nothing.</summary>
[Collection(DividendSuiteCollection.Name)]
public sealed class IsolationAndBadInputTests(DividendSuiteHarness suite)
{
    private async Task<(Guid Owner, string Id)> OwnedDividendAsync()
    {
        var owner = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));
        await suite.TransactAsync(owner, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.SyncAsync(owner);
        return (owner, Assert.Single(await suite.DividendsAsync(owner))!["id"]!.GetValue<string>());
    }

    private async Task<string> StoredRowAsync(string id)
    {
        await using var command = suite.Superuser.CreateCommand(
            "select row(amount, shares_held_at_ex_date, total_amount, tax_withheld, pay_date, status, transaction_id)::text from user_dividends where id = $1::uuid");
        command.Parameters.Add(new NpgsqlParameter { Value = Guid.Parse(id) });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task AnotherUsersDividendIdAnswers404OnEveryRoute()
    {
        var (_, id) = await OwnedDividendAsync();
        var stranger = await suite.AddUserAsync();
        (HttpMethod, string, object?)[] routes =
        [
            (HttpMethod.Get, $"/v1/dividends/{id}", null),
            (HttpMethod.Post, $"/v1/dividends/{id}:confirm", new { }),
            (HttpMethod.Post, $"/v1/dividends/{id}:reject", new { }),
            (HttpMethod.Patch, $"/v1/dividends/{id}", new { amount = "1" }),
            (HttpMethod.Delete, $"/v1/dividends/{id}", null),
        ];
        var before = await StoredRowAsync(id);

        foreach (var (method, path, body) in routes)
        {
            var (status, error) = await suite.SendJsonAsync(method, path, body, suite.Tokens.ForUser(stranger));
            Assert.True(status == HttpStatusCode.NotFound, $"{method} {path}: {(int)status} {error.ToJsonString()}");
            Assert.Equal(5, error["code"]!.GetValue<int>());
        }
        Assert.Equal(before, await StoredRowAsync(id));
    }

    [Fact]
    public async Task AnotherUsersDividendIdIsNotFoundOverGrpcOnEveryCall()
    {
        var (_, id) = await OwnedDividendAsync();
        var headers = suite.UserHeaders(await suite.AddUserAsync());
        var client = new DividendService.DividendServiceClient(suite.Grpc);
        Func<Task>[] calls =
        [
            () => client.GetDividendAsync(new GetDividendRequest { Id = id }, headers).ResponseAsync,
            () => client.ConfirmDividendAsync(new DividendDecisionRequest { Id = id }, headers).ResponseAsync,
            () => client.RejectDividendAsync(new DividendDecisionRequest { Id = id }, headers).ResponseAsync,
            () => client.UpdateDividendAsync(new UpdateDividendRequest { Id = id, Amount = "1" }, headers).ResponseAsync,
            () => client.DeleteDividendAsync(new DividendDecisionRequest { Id = id }, headers).ResponseAsync,
        ];

        foreach (var call in calls)
        {
            Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(call)).StatusCode);
        }
    }

    public static TheoryData<string, string> BadEdits => new()
    {
        { """{"payDate":"2024-02-08"}""", "payDate" },
        { """{"amount":"0"}""", "amount" },
        { """{"amount":"-0.24"}""", "amount" },
        { """{"sharesHeldAtExDate":"0"}""", "sharesHeldAtExDate" },
        { """{"totalAmount":"2.50"}""", "totalAmount" },
        { """{"currency":"XYZ"}""", "currency" },
        { """{"taxWithheld":"-1"}""", "taxWithheld" },
        { """{"taxWithheld":"2.41"}""", "taxWithheld" },
    };

    [Theory]
    [MemberData(nameof(BadEdits))]
    public async Task ABadEditIsA400NamingTheFieldAndChangesNothing(string json, string field)
    {
        var (owner, id) = await OwnedDividendAsync();
        var before = await StoredRowAsync(id);

        var (status, body) = await suite.SendJsonAsync(HttpMethod.Patch, $"/v1/dividends/{id}",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), suite.Tokens.ForUser(owner));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([field], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(before, await StoredRowAsync(id));
    }

    [Fact]
    public async Task ABadEditOverGrpcIsInvalidArgumentNamingTheField()
    {
        var (owner, id) = await OwnedDividendAsync();
        var client = new DividendService.DividendServiceClient(suite.Grpc);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.UpdateDividendAsync(new UpdateDividendRequest { Id = id, PayDate = "2023-12-31" }, suite.UserHeaders(owner)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["payDate"], error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field));
    }

    [Fact]
    public async Task ConfirmingADividendNotYetPaidIsRefusedAndChangesNothing()
    {
        var owner = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        var future = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(20).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", future));
        await suite.TransactAsync(owner, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.SyncAsync(owner);
        var id = Assert.Single(await suite.DividendsAsync(owner))!["id"]!.GetValue<string>();
        var before = await StoredRowAsync(id);

        var (status, body) = await suite.AsUserAsync(owner, HttpMethod.Post, $"/v1/dividends/{id}:confirm");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["payDate"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(before, await StoredRowAsync(id));
    }

    [Theory]
    [InlineData("""{"symbol":"ACME","exDate":"2024-03-01","amount":"1","currency":"USD","sharesHeldAtExDate":"4","payDate":"2024-02-01"}""", "payDate")]
    [InlineData("""{"symbol":"ACME","exDate":"2024-03-01","amount":"0","currency":"USD","sharesHeldAtExDate":"4"}""", "amount")]
    [InlineData("""{"symbol":"ACME","exDate":"2024-03-01","amount":"1","currency":"QQQ","sharesHeldAtExDate":"4"}""", "currency")]
    [InlineData("""{"symbol":"ACME","exDate":"2024-03-01","amount":"1","currency":"USD","sharesHeldAtExDate":"4","totalAmount":"5"}""", "totalAmount")]
    public async Task ABadManualDividendIsA400AndStoresNothing(string json, string field)
    {
        var owner = await suite.AddUserAsync();

        var (status, body) = await suite.SendJsonAsync(HttpMethod.Post, "/v1/dividends",
            new StringContent(json, System.Text.Encoding.UTF8, "application/json"), suite.Tokens.ForUser(owner));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([field], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(0, await suite.CountAsync("select count(*) from user_dividends where user_id = $1", owner));
    }
}
