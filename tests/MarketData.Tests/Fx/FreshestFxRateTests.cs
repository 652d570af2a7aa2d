using System.Net;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.MarketData.Tests.Fx;

/// <summary>
/// FX answers pick the freshest candidate among the stored pair, its inverse and a cross rate,
/// and say the date they used: over HTTP/JSON, the gRPC batch the Dividends service calls, and
/// the series the Portfolio service values with (the real Program over PostgreSQL).
/// </summary>
public sealed class FreshestFxRateTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        // A USD/EUR rate of 2021-12-12 is stored, and EUR/USD of 2024-01-02 too (1.25: its inverse is exactly 0.8).
        await harness.ExecuteAsync(
            """
            insert into forex_rates (from_currency, to_currency, date, rate) values
              ('USD', 'EUR', date '2021-12-12', 0.88), ('EUR', 'USD', date '2024-01-02', 1.25)
            on conflict do nothing
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task UsdToEurOnTheSecondOfJanuaryIsTheInverseOfThatDaysEurUsdNotTheStaleUsdEur()
    {
        var (status, body) = await harness.GetJsonAsync("/v1/fx/USD/EUR?date=2024-01-02");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("0.8", body["rate"]!.GetValue<string>());
        Assert.Equal("2024-01-02", body["date"]!.GetValue<string>());
        Assert.Equal("inverse", body["derivation"]!.GetValue<string>());
    }

    [Fact]
    public async Task TheBatchAnswersEachQueryWithTheFreshestRateAndItsDate()
    {
        var client = new FxService.FxServiceClient(harness.Grpc);
        var request = new GetFxRatesBatchRequest();
        request.Queries.Add(new FxQuery { From = "USD", To = "EUR", Date = "2024-01-02" });
        request.Queries.Add(new FxQuery { From = "USD", To = "EUR", Date = "2023-12-31" });

        var response = await client.GetFxRatesBatchAsync(request, harness.UserHeaders());

        Assert.Equal(("0.8", "2024-01-02", "inverse"), (response.Rates[0].Rate, response.Rates[0].Date, response.Rates[0].Derivation));
        // Before EUR/USD of 2024-01-02 exists, the 2021 USD/EUR rate is the freshest there is.
        Assert.Equal(("0.88", "2021-12-12", "stored"), (response.Rates[1].Rate, response.Rates[1].Date, response.Rates[1].Derivation));
    }

    [Fact]
    public async Task TheSeriesSwitchesToTheFresherInverseOnItsDate()
    {
        var client = new FxService.FxServiceClient(harness.Grpc);
        var request = new GetFxSeriesBatchRequest { FromDate = "2024-01-01", ToDate = "2024-01-03" };
        request.Pairs.Add(new CurrencyPair { From = "USD", To = "EUR" });

        var series = (await client.GetFxSeriesBatchAsync(request, harness.UserHeaders())).Series.Single();

        Assert.Equal(["2021-12-12", "2024-01-02"], series.Dates);
        Assert.Equal(["0.88", "0.8"], series.Rates);
    }
}
