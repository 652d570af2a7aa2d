using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary>
/// Portfolio's <c>DividendLedgerService</c> called directly, as a client holding a user's token
/// could: decisions are refused (only the Dividends service's credential may write them), and the
/// share history answers no one but the user it belongs to.
/// </summary>
[Collection(DividendSuiteCollection.Name)]
public sealed class LedgerAccessTests(DividendSuiteHarness suite)
{
    private DividendLedgerService.DividendLedgerServiceClient Ledger => new(suite.PortfolioGrpc);

    private Metadata As(Guid user) => new() { { "Authorization", "Bearer " + suite.Tokens.ForUser(user) } };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task AUserTokenCannotConfirmItsOwnDividendAtPortfolioAndNothingChanges(bool namingItself)
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.SyncAsync(user);
        var id = Assert.Single(await suite.DividendsAsync(user))!["id"]!.GetValue<string>();
        var request = new ApplyDividendDecisionRequest { DividendId = id, Decision = DividendDecision.Confirm, UserId = namingItself ? user.ToString() : "" };

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Ledger.ApplyDividendDecisionAsync(request, As(user)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("pending", Assert.Single(await suite.DividendsAsync(user))!["status"]!.GetValue<string>());
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1 and transaction_type = 'DIVIDEND'", user));
    }

    [Fact]
    public async Task AUserTokenNamingAnotherUserCannotReadTheirShareHistory()
    {
        var victim = await suite.AddUserAsync();
        var stranger = await suite.AddUserAsync();
        await suite.TransactAsync(victim, "BUY", DividendSuiteHarness.NewSymbol(), "10", "100", "2024-02-01");

        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Ledger.GetShareHistoryAsync(new GetShareHistoryRequest { UserId = victim.ToString() }, As(stranger)));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
    }

    [Fact]
    public async Task AUserTokenNamingItselfReadsItsOwnShareHistory()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");

        var history = await Ledger.GetShareHistoryAsync(new GetShareHistoryRequest { UserId = user.ToString() }, As(user));

        Assert.Equal(symbol, Assert.Single(history.Positions).Symbol);
    }
}
