using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Watchlist and price alerts for native gRPC clients, through the gateway's h2c port. Alerts use
/// symbols that never get a close, so none fires while a test looks at it.
/// </summary>
[Collection(SuiteCollection.Name)]
public class WatchlistAndAlertsOverGrpcTests(SuiteFixture suite)
{
    private WatchlistService.WatchlistServiceClient Watchlist => new(suite.Grpc);

    private AlertService.AlertServiceClient Alerts => new(suite.Grpc);

    private async Task<IReadOnlyList<string>> WatchedAsync(TestUser user) =>
        (await Watchlist.ListWatchlistAsync(new ListWatchlistRequest(), user.Bearer())).Items.Select(i => i.Symbol).ToList();

    private async Task<IReadOnlyList<Alert>> AlertsOfAsync(TestUser user) =>
        (await Alerts.ListAlertsAsync(new ListAlertsRequest(), user.Bearer())).Alerts;

    [Fact]
    public async Task UsersListOnlyTheirOwnWatchlist()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        string alices = GrpcCalls.NewSymbol("W"), bobs = GrpcCalls.NewSymbol("W");
        await Watchlist.AddToWatchlistAsync(new AddToWatchlistRequest { Symbol = alices }, alice.Bearer());
        await Watchlist.AddToWatchlistAsync(new AddToWatchlistRequest { Symbol = bobs }, bob.Bearer());

        Assert.Equal([alices], await WatchedAsync(alice));
        Assert.Equal([bobs], await WatchedAsync(bob));
    }

    [Fact]
    public async Task AddingASymbolAnotherUserWatchesLeavesTheirItemAlone()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("W");
        var alices = await Watchlist.AddToWatchlistAsync(
            new AddToWatchlistRequest { Symbol = symbol, Notes = "alice's", TargetPrice = "10" }, alice.Bearer());

        var bobs = await Watchlist.AddToWatchlistAsync(
            new AddToWatchlistRequest { Symbol = symbol, Notes = "bob's", TargetPrice = "20" }, bob.Bearer());

        Assert.NotEqual(alices.Id, bobs.Id);
        var aliceItem = Assert.Single((await Watchlist.ListWatchlistAsync(new ListWatchlistRequest(), alice.Bearer())).Items);
        Assert.Equal((alices.Id, "alice's", 10m), (aliceItem.Id, aliceItem.Notes, GrpcCalls.Amount(aliceItem.TargetPrice)));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from watchlist where id = $1 and user_id = $2 and notes = 'alice''s' and target_price = 10", Guid.Parse(alices.Id), alice.Id));
    }

    [Fact]
    public async Task RemovingAnotherUsersWatchlistItemIsNotFoundAndItStays()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("W");
        var item = await Watchlist.AddToWatchlistAsync(new AddToWatchlistRequest { Symbol = symbol }, alice.Bearer());

        var error = await Watchlist.RemoveFromWatchlistAsync(new RemoveFromWatchlistRequest { Id = item.Id }, bob.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        Assert.Equal([symbol], await WatchedAsync(alice));
        Assert.Equal(1, await suite.CountAsync("select count(*) from watchlist where id = $1 and user_id = $2", Guid.Parse(item.Id), alice.Id));
    }

    [Fact]
    public async Task ABadWatchlistItemIsInvalidArgumentNamingTheFieldAndNothingIsStored()
    {
        var alice = await suite.Http.SignUpAsync();

        var error = await Watchlist.AddToWatchlistAsync(
            new AddToWatchlistRequest { Symbol = GrpcCalls.NewSymbol("W"), TargetPrice = "-5" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["targetPrice"], error.ViolatedFields());
        Assert.Equal(0, await suite.CountAsync("select count(*) from watchlist where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task RemovingAWatchlistItemByAMalformedIdIsInvalidArgumentAndNothingIsRemoved()
    {
        var alice = await suite.Http.SignUpAsync();
        await Watchlist.AddToWatchlistAsync(new AddToWatchlistRequest { Symbol = GrpcCalls.NewSymbol("W") }, alice.Bearer());

        var error = await Watchlist.RemoveFromWatchlistAsync(new RemoveFromWatchlistRequest { Id = "not-a-uuid" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["id"], error.ViolatedFields());
        Assert.Equal(1, await suite.CountAsync("select count(*) from watchlist where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task UsersListOnlyTheirOwnAlertsEvenForTheSameSymbolAndTarget()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("Z");
        var alices = await Alerts.CreateAlertAsync(new CreateAlertRequest { Symbol = symbol, TargetPrice = "100", Condition = "above" }, alice.Bearer());
        // The same alert for Bob is his own row, not a re-arm of Alice's.
        var bobs = await Alerts.CreateAlertAsync(new CreateAlertRequest { Symbol = symbol, TargetPrice = "100", Condition = "above" }, bob.Bearer());
        var bobsOther = await Alerts.CreateAlertAsync(new CreateAlertRequest { Symbol = symbol, TargetPrice = "50", Condition = "below" }, bob.Bearer());

        var aliceList = await AlertsOfAsync(alice);
        var bobList = await AlertsOfAsync(bob);

        Assert.NotEqual(alices.Id, bobs.Id);
        Assert.Equal([alices.Id], aliceList.Select(a => a.Id));
        Assert.Equal(new[] { bobs.Id, bobsOther.Id }.Order(), bobList.Select(a => a.Id).Order());
        Assert.Equal(1, await suite.CountAsync("select count(*) from price_alerts where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task DeletingAnotherUsersAlertIsNotFoundAndItStaysArmed()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var alert = await Alerts.CreateAlertAsync(
            new CreateAlertRequest { Symbol = GrpcCalls.NewSymbol("Z"), TargetPrice = "12.5", Condition = "below" }, alice.Bearer());

        var error = await Alerts.DeleteAlertAsync(new DeleteAlertRequest { Id = alert.Id }, bob.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
        var stillThere = Assert.Single(await AlertsOfAsync(alice));
        Assert.Equal((alert.Id, true), (stillThere.Id, stillThere.IsActive));
        Assert.Empty(await AlertsOfAsync(bob));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from price_alerts where id = $1 and user_id = $2 and is_active", Guid.Parse(alert.Id), alice.Id));
    }

    [Fact]
    public async Task ABadAlertIsInvalidArgumentNamingTheFieldAndNothingIsStored()
    {
        var alice = await suite.Http.SignUpAsync();

        var error = await Alerts.CreateAlertAsync(
            new CreateAlertRequest { Symbol = GrpcCalls.NewSymbol("Z"), TargetPrice = "10", Condition = "sideways" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["condition"], error.ViolatedFields());
        Assert.Equal(0, await suite.CountAsync("select count(*) from price_alerts where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task DeletingAnAlertByAMalformedIdIsInvalidArgumentAndNothingIsDeleted()
    {
        var alice = await suite.Http.SignUpAsync();
        await Alerts.CreateAlertAsync(new CreateAlertRequest { Symbol = GrpcCalls.NewSymbol("Z"), TargetPrice = "10", Condition = "above" }, alice.Bearer());

        var error = await Alerts.DeleteAlertAsync(new DeleteAlertRequest { Id = "not-a-uuid" }, alice.Bearer()).RefusedAsync();

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["id"], error.ViolatedFields());
        Assert.Equal(1, await suite.CountAsync("select count(*) from price_alerts where user_id = $1", alice.Id));
    }
}
