using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Profiles and portfolios for native gRPC clients, through the gateway's h2c port: each user reaches only their own.</summary>
[Collection(SuiteCollection.Name)]
public class PortfolioIsolationOverGrpcTests(SuiteFixture suite)
{
    private ProfileService.ProfileServiceClient Profiles => new(suite.Grpc);

    private PortfolioService.PortfolioServiceClient Portfolios => new(suite.Grpc);

    private TransactionService.TransactionServiceClient Transactions => new(suite.Grpc);

    private static UpdateProfileRequest Profile(string firstName, string baseCurrency) => new()
    {
        FirstName = firstName,
        LastName = "Tester",
        Country = "CH",
        BaseCurrency = baseCurrency,
    };

    [Fact]
    public async Task EachUserReadsAndWritesOnlyTheirOwnProfile()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();

        await Profiles.UpdateProfileAsync(Profile("Alice", "CHF"), alice.Bearer());
        var bobBeforeSaving = await Profiles.GetProfileAsync(new GetProfileRequest(), bob.Bearer());
        await Profiles.UpdateProfileAsync(Profile("Bob", "EUR"), bob.Bearer());
        var aliceAfter = await Profiles.GetProfileAsync(new GetProfileRequest(), alice.Bearer());
        var bobAfter = await Profiles.GetProfileAsync(new GetProfileRequest(), bob.Bearer());

        Assert.Equal(("", "USD"), (bobBeforeSaving.FirstName, bobBeforeSaving.BaseCurrency));
        Assert.Equal(("Alice", "CHF"), (aliceAfter.FirstName, aliceAfter.BaseCurrency));
        Assert.Equal(("Bob", "EUR"), (bobAfter.FirstName, bobAfter.BaseCurrency));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from user_profiles where user_id = $1 and first_name = 'Alice' and base_currency = 'CHF'", alice.Id));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from user_profiles where user_id = $1 and first_name = 'Bob' and base_currency = 'EUR'", bob.Id));
    }

    [Fact]
    public async Task ABadProfileIsInvalidArgumentNamingTheFieldAndNothingIsStored()
    {
        var alice = await suite.Http.SignUpAsync();

        var error = await Profiles.UpdateProfileAsync(Profile("Alice", "chf"), alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["baseCurrency"], error.ViolatedFields());
        Assert.Equal(0, await suite.CountAsync("select count(*) from user_profiles where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task UsersListOnlyTheirOwnPortfolios()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var alices = await Portfolios.CreatePortfolioAsync(new CreatePortfolioRequest { Name = "Alice Growth" }, alice.Bearer());
        var bobs = await Portfolios.CreatePortfolioAsync(new CreatePortfolioRequest { Name = "Bob Income" }, bob.Bearer());

        var aliceList = await Portfolios.ListPortfoliosAsync(new ListPortfoliosRequest(), alice.Bearer());
        var bobList = await Portfolios.ListPortfoliosAsync(new ListPortfoliosRequest(), bob.Bearer());

        Assert.Equal(["Default", "Alice Growth"], aliceList.Portfolios.Select(p => p.Name));
        Assert.Equal(["Default", "Bob Income"], bobList.Portfolios.Select(p => p.Name));
        Assert.Contains(alices.Id, aliceList.Portfolios.Select(p => p.Id));
        Assert.Contains(bobs.Id, bobList.Portfolios.Select(p => p.Id));
        Assert.Empty(aliceList.Portfolios.Select(p => p.Id).Intersect(bobList.Portfolios.Select(p => p.Id)));
    }

    [Fact]
    public async Task RenamingOrDeletingAnotherUsersPortfolioIsNotFoundAndChangesNothing()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var pension = await Portfolios.CreatePortfolioAsync(
            new CreatePortfolioRequest { Name = "Pension", Description = "alice's plans" }, alice.Bearer());
        await Transactions.CreateTransactionAsync(new CreateTransactionRequest
        {
            PortfolioId = pension.Id, TransactionType = "BUY", Symbol = "AAPL", Quantity = "2", Price = "100", Date = "2024-03-01", Currency = "USD",
        }, alice.Bearer());
        var aliceDefault = await Portfolios.DefaultPortfolioIdAsync(alice);

        var rename = await Portfolios.UpdatePortfolioAsync(
            new UpdatePortfolioRequest { Id = pension.Id, Name = "Hijacked", Description = "bob's now" }, bob.Bearer()).RefusedAsync();
        var delete = await Portfolios.DeletePortfolioAsync(new DeletePortfolioRequest { Id = pension.Id }, bob.Bearer()).RefusedAsync();
        // The default one too: NOT_FOUND, not the owner's "cannot delete the default", which would confirm it exists.
        var renameDefault = await Portfolios.UpdatePortfolioAsync(
            new UpdatePortfolioRequest { Id = aliceDefault, Name = "Hijacked" }, bob.Bearer()).RefusedAsync();
        var deleteDefault = await Portfolios.DeletePortfolioAsync(new DeletePortfolioRequest { Id = aliceDefault }, bob.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.NotFound, rename.StatusCode);
        Assert.Equal(StatusCode.NotFound, delete.StatusCode);
        Assert.Equal(StatusCode.NotFound, renameDefault.StatusCode);
        Assert.Equal(StatusCode.NotFound, deleteDefault.StatusCode);
        var aliceList = await Portfolios.ListPortfoliosAsync(new ListPortfoliosRequest(), alice.Bearer());
        Assert.Equal([("Default", ""), ("Pension", "alice's plans")], aliceList.Portfolios.Select(p => (p.Name, p.Description)));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from portfolios where id = $1 and user_id = $2 and name = 'Pension' and description = 'alice''s plans'",
            Guid.Parse(pension.Id), alice.Id));
        Assert.Equal(1, await suite.CountAsync("select count(*) from transactions where portfolio_id = $1", Guid.Parse(pension.Id)));
        Assert.Equal(0, await suite.CountAsync("select count(*) from portfolios where name = 'Hijacked' and user_id in ($1, $2)", alice.Id, bob.Id));
    }

    [Fact]
    public async Task ABlankPortfolioNameIsInvalidArgumentAndNothingIsStored()
    {
        var alice = await suite.Http.SignUpAsync();

        var error = await Portfolios.CreatePortfolioAsync(new CreatePortfolioRequest { Name = "   " }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["name"], error.ViolatedFields());
        Assert.Equal(0, await suite.CountAsync("select count(*) from portfolios where user_id = $1 and not is_default", alice.Id));
    }

    [Fact]
    public async Task ABadRenameIsInvalidArgumentAndThePortfolioKeepsItsName()
    {
        var alice = await suite.Http.SignUpAsync();
        var savings = await Portfolios.CreatePortfolioAsync(new CreatePortfolioRequest { Name = "Savings" }, alice.Bearer());

        var error = await Portfolios.UpdatePortfolioAsync(new UpdatePortfolioRequest { Id = savings.Id, Name = "" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["name"], error.ViolatedFields());
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from portfolios where id = $1 and name = 'Savings'", Guid.Parse(savings.Id)));
    }

    [Fact]
    public async Task DeletingAPortfolioByAMalformedIdIsInvalidArgumentAndNothingIsDeleted()
    {
        var alice = await suite.Http.SignUpAsync();
        await Portfolios.CreatePortfolioAsync(new CreatePortfolioRequest { Name = "Kept" }, alice.Bearer());

        var error = await Portfolios.DeletePortfolioAsync(new DeletePortfolioRequest { Id = "not-a-uuid" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["id"], error.ViolatedFields());
        Assert.Equal(1, await suite.CountAsync("select count(*) from portfolios where user_id = $1 and name = 'Kept'", alice.Id));
    }
}
