using System.Globalization;

namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary>
/// A confirmed or edited dividend is exactly one linked DIVIDEND transaction of the Portfolio
/// ledger, written with the row in one database transaction, so the summary sees it at once.
/// </summary>
[Collection(DividendSuiteCollection.Name)]
public sealed class LedgerLinkTests(DividendSuiteHarness suite)
{
    private async Task<(Guid User, string Symbol, string DividendId)> PendingDividendAsync()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));
        await suite.ImportCloseAsync(symbol, "2024-02-01", "100");
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.SyncAsync(user);
        return (user, symbol, Assert.Single(await suite.DividendsAsync(user))!["id"]!.GetValue<string>());
    }

    private async Task<decimal> SummaryDividendsAsync(Guid user)
    {
        var (status, body) = await suite.PortfolioGetAsync(user, "/v1/portfolio/summary?baseCurrency=USD");
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return decimal.Parse(body["dividends"]!.GetValue<string>(), CultureInfo.InvariantCulture);
    }

    private Task<long> DividendTransactionsAsync(Guid user) =>
        suite.CountAsync("select count(*) from transactions where user_id = $1 and transaction_type = 'DIVIDEND'", user);

    [Fact]
    public async Task ConfirmingRaisesTheSummarysDividendsByExactlyTheAmountThroughOneLinkedTransaction()
    {
        var (user, _, id) = await PendingDividendAsync();
        var before = await SummaryDividendsAsync(user);

        var (status, row) = await suite.AsUserAsync(user, HttpMethod.Post, $"/v1/dividends/{id}:confirm");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("confirmed", row["status"]!.GetValue<string>());
        Assert.Equal(2.40m, await SummaryDividendsAsync(user) - before);
        Assert.Equal(1, await DividendTransactionsAsync(user));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from user_dividends d join transactions t on t.id = d.transaction_id where d.id = $1::uuid and t.id = $2::uuid and t.date = '2024-02-15'",
            id, Guid.Parse(row["transactionId"]!.GetValue<string>())));
    }

    [Fact]
    public async Task RejectingAConfirmedDividendTakesItBackOutOfTheLedger()
    {
        var (user, _, id) = await PendingDividendAsync();
        var before = await SummaryDividendsAsync(user);
        await suite.AsUserAsync(user, HttpMethod.Post, $"/v1/dividends/{id}:confirm");

        var (status, row) = await suite.AsUserAsync(user, HttpMethod.Post, $"/v1/dividends/{id}:reject");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("rejected", row["status"]!.GetValue<string>());
        Assert.Equal("", row["transactionId"]!.GetValue<string>());
        Assert.Equal(before, await SummaryDividendsAsync(user));
        Assert.Equal(0, await DividendTransactionsAsync(user));
    }

    [Fact]
    public async Task ADividendTheUserAlreadyRecordedIsLinkedNotDuplicated()
    {
        var (user, symbol, id) = await PendingDividendAsync();
        var recorded = await suite.TransactAsync(user, "DIVIDEND", symbol, "10", "0.24", "2024-02-15");
        var before = await SummaryDividendsAsync(user);

        var (status, row) = await suite.AsUserAsync(user, HttpMethod.Post, $"/v1/dividends/{id}:confirm");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(recorded["id"]!.GetValue<string>(), row["transactionId"]!.GetValue<string>());
        Assert.Equal(1, await DividendTransactionsAsync(user));
        Assert.Equal(before, await SummaryDividendsAsync(user));
    }

    [Fact]
    public async Task EditingAConfirmedDividendUpdatesItsTransactionWithTaxAsItsCommission()
    {
        var (user, _, id) = await PendingDividendAsync();
        await suite.AsUserAsync(user, HttpMethod.Post, $"/v1/dividends/{id}:confirm");
        var before = await SummaryDividendsAsync(user);

        var (status, row) = await suite.AsUserAsync(user, HttpMethod.Patch, $"/v1/dividends/{id}", new { amount = "0.25", taxWithheld = "0.375" });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("edited", row["status"]!.GetValue<string>());
        Assert.Equal("2.50", row["totalAmount"]!.GetValue<string>());
        Assert.Equal("2.125", row["netAmount"]!.GetValue<string>());
        Assert.Equal(0.10m, await SummaryDividendsAsync(user) - before);
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from transactions where id = $1::uuid and price = 0.25 and quantity = 10 and commission = 0.375",
            Guid.Parse(row["transactionId"]!.GetValue<string>())));
    }

    [Fact]
    public async Task DeletingADividendDeletesItsTransactionOverGrpc()
    {
        var (user, _, id) = await PendingDividendAsync();
        var client = new DividendService.DividendServiceClient(suite.Grpc);
        await client.ConfirmDividendAsync(new DividendDecisionRequest { Id = id }, suite.UserHeaders(user));

        await client.DeleteDividendAsync(new DividendDecisionRequest { Id = id }, suite.UserHeaders(user));

        Assert.Equal(0, await DividendTransactionsAsync(user));
        Assert.Empty(await suite.DividendsAsync(user));
    }

    [Fact]
    public async Task AManualDividendIsConfirmedAndInTheLedgerAtOnce()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.TransactAsync(user, "BUY", symbol, "4", "50", "2024-01-02");

        var (status, row) = await suite.AsUserAsync(user, HttpMethod.Post, "/v1/dividends",
            new { symbol, exDate = "2024-03-01", payDate = "2024-03-20", amount = "1.5", currency = "USD", sharesHeldAtExDate = "4", taxWithheld = "0.9" });

        Assert.True(status == HttpStatusCode.OK, row.ToJsonString());
        Assert.Equal(("manual", "confirmed", "6.0", "5.1"), (row["source"]!.GetValue<string>(), row["status"]!.GetValue<string>(),
            row["totalAmount"]!.GetValue<string>(), row["netAmount"]!.GetValue<string>()));
        Assert.NotEqual("", row["transactionId"]!.GetValue<string>());
        Assert.Equal(1, await DividendTransactionsAsync(user));
    }

    [Fact]
    public async Task AConfirmedDividendIsNeverCountedTwiceAfterAReSync()
    {
        var (user, _, id) = await PendingDividendAsync();
        await suite.AsUserAsync(user, HttpMethod.Post, $"/v1/dividends/{id}:confirm");

        var sync = await suite.SyncAsync(user);

        Assert.Equal(0, sync["created"]!.GetValue<int>());
        Assert.Single(await suite.DividendsAsync(user));
        Assert.Equal(1, await DividendTransactionsAsync(user));
    }
}
