using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Summary, performance and risk for native gRPC clients, through the gateway's h2c port: figures
/// come from the caller's ledger alone. The symbols have no closes, so positions are valued at
/// their last trade price and the expected figures follow from the trades here.
/// </summary>
[Collection(SuiteCollection.Name)]
public class MetricsIsolationOverGrpcTests(SuiteFixture suite)
{
    private const string AsOf = "2024-03-28";

    private MetricsService.MetricsServiceClient Metrics => new(suite.Grpc);

    private TransactionService.TransactionServiceClient Transactions => new(suite.Grpc);

    private PortfolioService.PortfolioServiceClient Portfolios => new(suite.Grpc);

    private Task BuyAsync(TestUser user, string symbol, string quantity, string price) =>
        Transactions.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "BUY", Symbol = symbol, Quantity = quantity, Price = price, Date = "2024-03-01", Currency = "USD",
        }, user.Bearer()).ResponseAsync;

    private Task<PortfolioSummary> SummaryAsync(TestUser user, string portfolioId = "") =>
        Metrics.GetSummaryAsync(new GetSummaryRequest { PortfolioId = portfolioId, AsOf = AsOf, BaseCurrency = "USD" }, user.Bearer()).ResponseAsync;

    private Task<PortfolioPerformance> PerformanceAsync(TestUser user, string portfolioId = "") =>
        Metrics.GetPerformanceAsync(new GetPerformanceRequest { PortfolioId = portfolioId, AsOf = AsOf, BaseCurrency = "USD" }, user.Bearer()).ResponseAsync;

    private Task<PortfolioRisk> RiskAsync(TestUser user, string portfolioId = "") =>
        Metrics.GetRiskAsync(new GetRiskRequest { PortfolioId = portfolioId, AsOf = AsOf, BaseCurrency = "USD" }, user.Bearer()).ResponseAsync;

    [Fact]
    public async Task ASummaryAndItsDailySeriesCountOnlyTheCallersPositions()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var shared = GrpcCalls.NewSymbol("Q");
        var bobsOnly = GrpcCalls.NewSymbol("R");
        await BuyAsync(alice, shared, "10", "100");
        await BuyAsync(bob, shared, "5", "40");
        await BuyAsync(bob, bobsOnly, "2", "50");

        var alices = await SummaryAsync(alice);
        var bobs = await SummaryAsync(bob);
        var alicesSeries = await PerformanceAsync(alice);
        var bobsSeries = await PerformanceAsync(bob);

        var position = Assert.Single(alices.Positions);
        Assert.Equal(shared, position.Symbol);
        Assert.Equal((10m, 1000m), (GrpcCalls.Amount(position.Quantity), GrpcCalls.Amount(position.Investment)));
        Assert.Equal((1000m, 1000m), (GrpcCalls.Amount(alices.TotalValue), GrpcCalls.Amount(alices.Investment)));
        Assert.Equal(new[] { bobsOnly, shared }.Order(), bobs.Positions.Select(p => p.Symbol).Order());
        Assert.Equal(5m, GrpcCalls.Amount(bobs.Positions.Single(p => p.Symbol == shared).Quantity));
        Assert.Equal(300m, GrpcCalls.Amount(bobs.TotalValue));
        Assert.Equal(1000m, GrpcCalls.Amount(alicesSeries.DailyValues[^1].Value));
        Assert.Equal(300m, GrpcCalls.Amount(bobsSeries.DailyValues[^1].Value));
    }

    [Fact]
    public async Task AnotherUsersPortfolioIdIsNotFoundForSummaryPerformanceAndRiskJustAsAnUnknownOne()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        // Two trades a week apart make Bob's own series move, so his risk has observations to hide.
        var symbol = GrpcCalls.NewSymbol("R");
        await BuyAsync(bob, symbol, "5", "40");
        await Transactions.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "BUY", Symbol = symbol, Quantity = "5", Price = "60", Date = "2024-03-08", Currency = "USD",
        }, bob.Bearer());
        var bobsPortfolio = await Portfolios.DefaultPortfolioIdAsync(bob);
        var unknownPortfolio = Guid.NewGuid().ToString();

        var refusals = new List<(string Call, Grpc.Core.RpcException Error)>();
        foreach (var portfolio in new[] { bobsPortfolio, unknownPortfolio })
        {
            refusals.Add(($"summary {portfolio}", await SummaryAsync(alice, portfolio).RefusedAsync()));
            refusals.Add(($"performance {portfolio}", await PerformanceAsync(alice, portfolio).RefusedAsync()));
            refusals.Add(($"risk {portfolio}", await RiskAsync(alice, portfolio).RefusedAsync()));
        }
        var bobsSummary = await SummaryAsync(bob, bobsPortfolio);
        var bobsPerformance = await PerformanceAsync(bob, bobsPortfolio);
        var bobsRisk = await RiskAsync(bob, bobsPortfolio);

        Assert.All(refusals, r => Assert.True(r.Error.StatusCode == Grpc.Core.StatusCode.NotFound, $"{r.Call}: {r.Error.Status}"));
        // Bob's portfolio and a portfolio that never existed are refused in the same words, apart from the id.
        Assert.Equal(refusals[3].Error.Status.Detail.Replace(unknownPortfolio, "*", StringComparison.Ordinal),
            refusals[0].Error.Status.Detail.Replace(bobsPortfolio, "*", StringComparison.Ordinal));
        Assert.Equal([symbol], bobsSummary.Positions.Select(p => p.Symbol));
        Assert.Equal(600m, GrpcCalls.Amount(bobsPerformance.DailyValues[^1].Value));
        Assert.True(bobsRisk.Observations > 0, $"Bob's own risk has {bobsRisk.Observations} observations");
    }
}
