using System.Net;
using Grpc.Core;
using Npgsql;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Through the gateway and the whole suite: values stored at the numeric bounds never make the
/// metrics answer 500, and a base currency MarketData has no rates into is refused when set.
/// </summary>
[Collection(SuiteCollection.Name)]
public class BoundsAndBaseCurrencyTests(SuiteFixture suite)
{
    private HttpClient Http => suite.Http;

    private async Task ExecuteAsync(string sql, params object[] args)
    {
        await using var command = suite.Superuser.CreateCommand(sql);
        foreach (var arg in args)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = arg });
        }
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task RowsWrittenStraightIntoTheDatabaseAtTheBoundsNeverMakeTheMetricsAnswer500()
    {
        // Arrange: a normal buy (it creates the default portfolio), then, past the API, the largest
        // trade the database accepts and the largest close, as a bad import or a hand edit would.
        var symbol = GrpcCalls.NewSymbol("B");
        var user = await Http.SignUpAsync();
        await Http.CreateTransactionAsync(user, new Dictionary<string, object?>
        {
            ["transactionType"] = "BUY", ["symbol"] = symbol, ["quantity"] = "10", ["price"] = "100",
            ["date"] = "2024-01-02", ["currency"] = "USD",
        });
        await ExecuteAsync(
            """
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency, commission)
            select user_id, portfolio_id, 'BUY', symbol, 1000000000000, 999.99, date '2024-01-03', currency, 10000000000
            from transactions where user_id = $1
            """,
            user.Id);
        await ExecuteAsync(
            """
            insert into historical_prices (symbol, date, open, high, low, close, adjusted_close, volume)
            values ($1, date '2024-01-02', 100, 100, 100, 100, 100, 1),
                   ($1, date '2024-01-03', 1000000000, 1000000000, 1000000000, 1000000000, 1000000000, 1)
            """,
            symbol);

        // Act
        var routes = new[]
        {
            "/v1/portfolio/summary?asOf=2024-01-04",
            "/v1/portfolio/performance?asOf=2024-01-04&range=max&omitDailyValues=true",
            "/v1/portfolio/risk?asOf=2024-01-04&benchmark=" + symbol,
        };
        var answers = new List<(string Route, HttpStatusCode Status, string Body)>();
        foreach (var route in routes)
        {
            using var response = await Http.SendAsync(HttpMethod.Get, route, user.AccessToken);
            answers.Add((route, response.StatusCode, await response.Content.ReadAsStringAsync()));
        }
        var metrics = new MetricsService.MetricsServiceClient(suite.Grpc);
        var grpcSummary = await metrics.GetSummaryAsync(new GetSummaryRequest { AsOf = "2024-01-04" }, user.Bearer());

        // Assert: 1e12 shares at up to 1e9 is up to 1e21, well inside decimal; the figures are
        // computed. (Bars written straight into the database may not be seen while the service
        // holds the symbol's closes in memory, so the value is checked against the price it used.)
        Assert.All(answers, a => Assert.True(a.Status == HttpStatusCode.OK, $"{a.Route}: {(int)a.Status} {a.Body}"));
        var position = grpcSummary.Positions.Single();
        Assert.Equal(1_000_000_000_010m, GrpcCalls.Amount(position.Quantity));
        Assert.Equal(1_000_000_000_010m * GrpcCalls.Amount(position.MarketPrice), GrpcCalls.Amount(position.MarketValue));
    }

    [Fact]
    public async Task ABaseCurrencyWithoutFxRatesIsRefusedOverJsonAndGrpcAndNothingIsStored()
    {
        var user = await Http.SignUpAsync();
        var client = new ProfileService.ProfileServiceClient(suite.Grpc);

        using var response = await Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken,
            new { firstName = "Ada", lastName = "Lovelace", country = "GB", baseCurrency = "XXX" });
        var error = await client.UpdateProfileAsync(
            new UpdateProfileRequest { FirstName = "Ada", LastName = "Lovelace", Country = "GB", BaseCurrency = "XXX" }, user.Bearer()).RefusedAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["baseCurrency"], Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["baseCurrency"], error.ViolatedFields());
        Assert.Equal(0, await suite.CountAsync("select count(*) from user_profiles where user_id = $1", user.Id));
    }

    [Fact]
    public async Task ABaseCurrencyMarketDataConvertsIntoIsAccepted()
    {
        var user = await Http.SignUpAsync();

        using var response = await Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken,
            new { firstName = "Ada", lastName = "Lovelace", country = "CH", baseCurrency = "CHF" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("CHF", (await response.ReadJsonAsync())["baseCurrency"]!.GetValue<string>());
    }
}
