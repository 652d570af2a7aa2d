using System.Net;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Exchanges and their holidays through the gateway, read with a user's token.</summary>
[Collection(SuiteCollection.Name)]
public class ExchangeRoutesTests(SuiteFixture suite)
{
    [Fact]
    public async Task AUserReadsAnExchangeAndItsHolidaysOfOneYearThroughTheGateway()
    {
        // No route writes exchanges: ingestion and the offline import do, so the test stores them directly.
        var code = "E" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();
        await using (var arrange = suite.Superuser.CreateCommand(
            """
            with hours as (
                insert into symbol_exchanges (symbol, exchange, exchange_timezone) values ('ACME', $1, 'America/New_York'))
            insert into market_holidays (exchange, date, name, early_close_time) values
                ($1, date '2023-12-25', 'Christmas Day', null),
                ($1, date '2024-07-03', 'Independence Day eve', time '13:00'),
                ($1, date '2024-12-25', 'Christmas Day', null)
            """))
        {
            arrange.Parameters.Add(new Npgsql.NpgsqlParameter { Value = code });
            await arrange.ExecuteNonQueryAsync();
        }
        // Holidays stored for every exchange (the bundled dataset's) belong to this one too.
        var everyExchange = new List<string>();
        await using (var all = suite.Superuser.CreateCommand(
            "select to_char(date, 'YYYY-MM-DD') from market_holidays where exchange = 'ALL' and date between '2024-01-01' and '2024-12-31'"))
        await using (var reader = await all.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync()) everyExchange.Add(reader.GetString(0));
        }
        var user = await suite.Http.SignUpAsync();

        using var list = await suite.Http.SendAsync(HttpMethod.Get, "/v1/exchanges", user.AccessToken);
        using var one = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/exchanges/{code.ToLowerInvariant()}", user.AccessToken);
        using var holidays = await suite.Http.SendAsync(HttpMethod.Get, $"/v1/exchanges/{code}/holidays?year=2024", user.AccessToken);
        using var unknown = await suite.Http.SendAsync(HttpMethod.Get, "/v1/exchanges/NOSUCHEXCHANGE", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains((await list.ReadJsonAsync())["exchanges"]!.AsArray(), e => e!["code"]!.GetValue<string>() == code);
        Assert.Equal(HttpStatusCode.OK, one.StatusCode);
        var exchange = await one.ReadJsonAsync();
        Assert.Equal("America/New_York", exchange["timezone"]!.GetValue<string>());
        Assert.Equal("09:30:00", exchange["marketOpenTime"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, holidays.StatusCode);
        var days = (await holidays.ReadJsonAsync())["holidays"]!.AsArray();
        Assert.Equal(everyExchange.Append("2024-07-03").Append("2024-12-25").Distinct().Order(StringComparer.Ordinal),
            days.Select(d => d!["date"]!.GetValue<string>()));
        Assert.Equal("13:00:00", days.Single(d => d!["date"]!.GetValue<string>() == "2024-07-03")!["earlyCloseTime"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }
}
