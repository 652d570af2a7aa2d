using Grpc.Core;
using PortfolioTracker.ServiceDefaults.Validation;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>The same guarantees for native gRPC clients, through the gateway's h2c port.</summary>
[Collection(SuiteCollection.Name)]
public class TransactionIsolationOverGrpcTests(SuiteFixture suite)
{
    private TransactionService.TransactionServiceClient Client => new(suite.Grpc);

    private static Metadata Bearer(TestUser user) => new() { { "Authorization", $"Bearer {user.AccessToken}" } };

    private static CreateTransactionRequest Buy(string symbol) => new()
    {
        TransactionType = "BUY",
        Symbol = symbol,
        Quantity = "3",
        Price = "99.5",
        Date = "2024-03-01",
        Currency = "USD",
    };

    [Fact]
    public async Task UsersSeeOnlyTheirOwnTransactionsAndAnotherUsersIdIsNotFound()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var aliceTransaction = await Client.CreateTransactionAsync(Buy("AAPL"), Bearer(alice));
        await Client.CreateTransactionAsync(Buy("IBM"), Bearer(bob));

        var aliceList = await Client.ListTransactionsAsync(new ListTransactionsRequest(), Bearer(alice));
        var bobList = await Client.ListTransactionsAsync(new ListTransactionsRequest(), Bearer(bob));
        var get = await Assert.ThrowsAsync<RpcException>(() =>
            Client.GetTransactionAsync(new GetTransactionRequest { Id = aliceTransaction.Id }, Bearer(bob)).ResponseAsync);
        var delete = await Assert.ThrowsAsync<RpcException>(() =>
            Client.DeleteTransactionAsync(new DeleteTransactionRequest { Id = aliceTransaction.Id }, Bearer(bob)).ResponseAsync);

        Assert.Equal(["AAPL"], aliceList.Transactions.Select(t => t.Symbol));
        Assert.Equal(["IBM"], bobList.Transactions.Select(t => t.Symbol));
        Assert.Equal(StatusCode.NotFound, get.StatusCode);
        Assert.Equal(StatusCode.NotFound, delete.StatusCode);
        var stillThere = await Client.GetTransactionAsync(new GetTransactionRequest { Id = aliceTransaction.Id }, Bearer(alice));
        Assert.Equal("99.5", stillThere.Price);
    }

    [Fact]
    public async Task ABadTransactionIsInvalidArgumentWithTheFieldNamed()
    {
        var alice = await suite.Http.SignUpAsync();
        var request = Buy("AAPL");
        request.Currency = "usd";

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.CreateTransactionAsync(request, Bearer(alice)).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var badRequest = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>();
        Assert.Equal(["currency"], badRequest!.FieldViolations.Select(v => v.Field));
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task ACallWithoutTokenIsUnauthenticated()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Client.ListTransactionsAsync(new ListTransactionsRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
