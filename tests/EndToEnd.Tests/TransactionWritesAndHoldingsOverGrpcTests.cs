using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Updates, imports and holdings for native gRPC clients, through the gateway's h2c port: writes
/// reach only the caller's transactions and portfolios, reads show only the caller's positions.
/// </summary>
[Collection(SuiteCollection.Name)]
public class TransactionWritesAndHoldingsOverGrpcTests(SuiteFixture suite)
{
    private TransactionService.TransactionServiceClient Transactions => new(suite.Grpc);

    private HoldingService.HoldingServiceClient Holdings => new(suite.Grpc);

    private PortfolioService.PortfolioServiceClient Portfolios => new(suite.Grpc);

    private static CreateTransactionRequest Buy(string symbol, string quantity = "3", string price = "99.5") => new()
    {
        TransactionType = "BUY",
        Symbol = symbol,
        Quantity = quantity,
        Price = price,
        Date = "2024-03-01",
        Currency = "USD",
        Notes = "original",
    };

    private static string Csv(string symbol) => $"""
        type,symbol,quantity,price,date,currency,commission,notes
        BUY,{symbol},10,50,2024-01-02,USD,1,first
        BUY,{symbol},5,70,2024-01-03,USD,1,second
        """;

    private async Task<IReadOnlyList<Holding>> HoldingsOfAsync(TestUser user, string portfolioId = "") =>
        (await Holdings.ListHoldingsAsync(new ListHoldingsRequest { PortfolioId = portfolioId, IncludeClosed = true }, user.Bearer())).Holdings;

    [Fact]
    public async Task PatchingAnotherUsersTransactionIsNotFoundAndLeavesItUnchanged()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("U");
        var stored = await Transactions.CreateTransactionAsync(Buy(symbol), alice.Bearer());

        var error = await Transactions.UpdateTransactionAsync(
            new UpdateTransactionRequest { Id = stored.Id, Quantity = "1", Price = "1", Notes = "bob was here" }, bob.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var after = await Transactions.GetTransactionAsync(new GetTransactionRequest { Id = stored.Id }, alice.Bearer());
        Assert.Equal((stored.Quantity, stored.Price, stored.Notes, stored.UpdatedAt), (after.Quantity, after.Price, after.Notes, after.UpdatedAt));
        var holding = Assert.Single(await HoldingsOfAsync(alice));
        Assert.Equal((3m, 99.5m), (GrpcCalls.Amount(holding.Quantity), GrpcCalls.Amount(holding.AveragePrice)));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from transactions where id = $1 and user_id = $2 and quantity = 3 and price = 99.5 and notes = 'original'",
            Guid.Parse(stored.Id), alice.Id));
    }

    [Fact]
    public async Task MovingATransactionIntoAnotherUsersPortfolioIsRefusedLikeAnUnknownOneAndItStaysPut()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var stored = await Transactions.CreateTransactionAsync(Buy(GrpcCalls.NewSymbol("M")), alice.Bearer());
        var bobsPortfolio = await Portfolios.DefaultPortfolioIdAsync(bob);

        var intoBobs = await Transactions.UpdateTransactionAsync(
            new UpdateTransactionRequest { Id = stored.Id, PortfolioId = bobsPortfolio }, alice.Bearer()).RefusedAsync();
        var intoUnknown = await Transactions.UpdateTransactionAsync(
            new UpdateTransactionRequest { Id = stored.Id, PortfolioId = Guid.NewGuid().ToString() }, alice.Bearer()).RefusedAsync();

        // Another user's portfolio is answered exactly as one that does not exist.
        Assert.Equal(StatusCode.InvalidArgument, intoBobs.StatusCode);
        Assert.Equal(["portfolioId"], intoBobs.ViolatedFields());
        Assert.Equal((intoUnknown.StatusCode, intoUnknown.Status.Detail), (intoBobs.StatusCode, intoBobs.Status.Detail));
        var after = await Transactions.GetTransactionAsync(new GetTransactionRequest { Id = stored.Id }, alice.Bearer());
        Assert.Equal(stored.PortfolioId, after.PortfolioId);
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where portfolio_id = $1", Guid.Parse(bobsPortfolio)));
        Assert.Equal(0, await suite.CountAsync("select count(*) from holdings where user_id = $1", bob.Id));
    }

    [Fact]
    public async Task ABadPatchIsInvalidArgumentNamingTheFieldAndChangesNothing()
    {
        var alice = await suite.Http.SignUpAsync();
        var stored = await Transactions.CreateTransactionAsync(Buy(GrpcCalls.NewSymbol("P")), alice.Bearer());

        var error = await Transactions.UpdateTransactionAsync(
            new UpdateTransactionRequest { Id = stored.Id, Quantity = "-1", Notes = "changed" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["quantity"], error.ViolatedFields());
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from transactions where id = $1 and quantity = 3 and notes = 'original'", Guid.Parse(stored.Id)));
    }

    [Fact]
    public async Task DeletingATransactionByAMalformedIdIsInvalidArgumentAndNothingIsDeleted()
    {
        var alice = await suite.Http.SignUpAsync();
        await Transactions.CreateTransactionAsync(Buy(GrpcCalls.NewSymbol("D")), alice.Bearer());

        var error = await Transactions.DeleteTransactionAsync(new DeleteTransactionRequest { Id = "not-a-uuid" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["id"], error.ViolatedFields());
        Assert.Equal(1, await suite.CountAsync("select count(*) from transactions where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task ImportedRowsLandOnlyInTheCallersPortfolio()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("I");
        var alicesDefault = await Portfolios.DefaultPortfolioIdAsync(alice);
        var alicesSecond = await Portfolios.CreatePortfolioAsync(new CreatePortfolioRequest { Name = "Imported" }, alice.Bearer());

        var intoDefault = await Transactions.ImportTransactionsAsync(new ImportTransactionsRequest { Content = Csv(symbol) }, alice.Bearer());
        var intoSecond = await Transactions.ImportTransactionsAsync(
            new ImportTransactionsRequest { Content = Csv(symbol), PortfolioId = alicesSecond.Id }, alice.Bearer());
        var bobsList = await Transactions.ListTransactionsAsync(new ListTransactionsRequest(), bob.Bearer());

        Assert.Equal(2, intoDefault.Imported);
        Assert.Equal([alicesDefault, alicesDefault], intoDefault.Transactions.Select(t => t.PortfolioId));
        Assert.Equal([alicesSecond.Id, alicesSecond.Id], intoSecond.Transactions.Select(t => t.PortfolioId));
        Assert.Empty(bobsList.Transactions);
        Assert.Empty(await HoldingsOfAsync(bob));
        Assert.Equal(4, await suite.CountAsync("select count(*) from transactions where user_id = $1 and symbol = $2", alice.Id, symbol));
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id <> $1 and symbol = $2", alice.Id, symbol));
    }

    [Fact]
    public async Task ImportingIntoAnotherUsersPortfolioIsRefusedLikeAnUnknownOneAndStoresNothing()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("X");
        var bobsPortfolio = await Portfolios.DefaultPortfolioIdAsync(bob);

        var intoBobs = await Transactions.ImportTransactionsAsync(
            new ImportTransactionsRequest { Content = Csv(symbol), PortfolioId = bobsPortfolio }, alice.Bearer()).RefusedAsync();
        var intoUnknown = await Transactions.ImportTransactionsAsync(
            new ImportTransactionsRequest { Content = Csv(symbol), PortfolioId = Guid.NewGuid().ToString() }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, intoBobs.StatusCode);
        Assert.Equal(["portfolioId"], intoBobs.ViolatedFields());
        Assert.Equal((intoUnknown.StatusCode, intoUnknown.Status.Detail), (intoBobs.StatusCode, intoBobs.Status.Detail));
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where symbol = $1", symbol));
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where portfolio_id = $1", Guid.Parse(bobsPortfolio)));
        Assert.Equal(0, await suite.CountAsync("select count(*) from holdings where symbol = $1", symbol));
    }

    [Fact]
    public async Task AnImportWithABadRowIsInvalidArgumentNamingTheRowAndStoresNothing()
    {
        var alice = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("B");
        var csv = $"""
            type,symbol,quantity,price,date,currency
            BUY,{symbol},10,50,2024-01-02,USD
            BUY,{symbol},10,50,2024-01-03,dollars
            """;

        var error = await Transactions.ImportTransactionsAsync(new ImportTransactionsRequest { Content = csv }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["rows[2].currency"], error.ViolatedFields());
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task HoldingsListOnlyTheCallersPositions()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var shared = GrpcCalls.NewSymbol("S");
        var bobsOnly = GrpcCalls.NewSymbol("O");
        await Transactions.CreateTransactionAsync(Buy(shared, quantity: "10", price: "100"), alice.Bearer());
        await Transactions.CreateTransactionAsync(Buy(shared, quantity: "4", price: "40"), bob.Bearer());
        await Transactions.CreateTransactionAsync(Buy(bobsOnly), bob.Bearer());
        var alicesPortfolio = await Portfolios.DefaultPortfolioIdAsync(alice);

        var alices = await HoldingsOfAsync(alice);
        var bobs = await HoldingsOfAsync(bob);

        var holding = Assert.Single(alices);
        Assert.Equal((shared, alicesPortfolio), (holding.Symbol, holding.PortfolioId));
        Assert.Equal((10m, 100m), (GrpcCalls.Amount(holding.Quantity), GrpcCalls.Amount(holding.AveragePrice)));
        Assert.Equal(new[] { bobsOnly, shared }.Order(), bobs.Select(h => h.Symbol).Order());
        Assert.Equal(4m, GrpcCalls.Amount(bobs.Single(h => h.Symbol == shared).Quantity));
        Assert.DoesNotContain(alicesPortfolio, bobs.Select(h => h.PortfolioId));
    }

    [Fact]
    public async Task AnotherUsersPortfolioIdIsNotFoundForHoldingsJustAsAnUnknownOne()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        await Transactions.CreateTransactionAsync(Buy(GrpcCalls.NewSymbol("H")), bob.Bearer());
        var bobsPortfolio = await Portfolios.DefaultPortfolioIdAsync(bob);

        var foreign = await HoldingsOfAsync(alice, bobsPortfolio).RefusedAsync();
        var unknown = await HoldingsOfAsync(alice, Guid.NewGuid().ToString()).RefusedAsync();
        var bobsOwn = await HoldingsOfAsync(bob, bobsPortfolio);

        Assert.Equal(StatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Single(bobsOwn);
    }

    [Fact]
    public async Task AMalformedPortfolioIdForHoldingsIsInvalidArgumentNamingIt()
    {
        var alice = await suite.Http.SignUpAsync();

        var error = await Holdings.ListHoldingsAsync(new ListHoldingsRequest { PortfolioId = "not-a-uuid" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["portfolioId"], error.ViolatedFields());
    }
}
