using System.Net;
using System.Text.Json.Nodes;
using Google.Rpc;
using Grpc.Core;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.MarketData.Tests.Exchanges;

/// <summary>
/// <c>GET /v1/exchanges</c>, <c>/v1/exchanges/{code}</c> and <c>/v1/exchanges/{code}/holidays</c>
/// over HTTP/JSON and native gRPC, read with a signed-in user's token under RLS.
/// </summary>
public sealed class ExchangeRoutesTests(ExchangeHarness harness) : IClassFixture<ExchangeHarness>
{
    [Fact]
    public async Task AUserListsStoredExchangesWithTheirUsualHours()
    {
        string hours = ExchangeHarness.NewCode(), holidaysOnly = ExchangeHarness.NewCode();
        await harness.AddTradingHoursAsync("AAA", hours, "America/New_York", "09:30", "16:00", preMarket: true, afterHours: true);
        await harness.AddTradingHoursAsync("BBB", hours, "America/New_York", "09:30", "16:00", preMarket: true, afterHours: true);
        await harness.AddTradingHoursAsync("CCC", hours, "America/Chicago", "08:30", "15:00");
        await harness.AddHolidayAsync(holidaysOnly, "2024-12-25", "Christmas Day");

        var (status, body) = await harness.GetJsonAsync("/v1/exchanges");

        Assert.Equal(HttpStatusCode.OK, status);
        var listed = body["exchanges"]!.AsArray().Select(e => e!.AsObject()).ToList();
        var withHours = Assert.Single(listed, e => e["code"]!.GetValue<string>() == hours);
        Assert.Equal("America/New_York", withHours["timezone"]!.GetValue<string>());
        Assert.Equal("09:30:00", withHours["marketOpenTime"]!.GetValue<string>());
        Assert.Equal("16:00:00", withHours["marketCloseTime"]!.GetValue<string>());
        Assert.True(withHours["hasPreMarket"]!.GetValue<bool>());
        Assert.True(withHours["hasAfterHours"]!.GetValue<bool>());
        Assert.Equal(3, withHours["symbolCount"]!.GetValue<int>());
        var withoutHours = Assert.Single(listed, e => e["code"]!.GetValue<string>() == holidaysOnly);
        Assert.Equal("", withoutHours["timezone"]!.GetValue<string>());
        Assert.Equal(0, withoutHours["symbolCount"]!.GetValue<int>());
        var codes = listed.Select(e => e["code"]!.GetValue<string>()).ToList();
        Assert.Equal(codes.Order(StringComparer.Ordinal), codes);
    }

    [Fact]
    public async Task AnExchangeAStockListsOnIsKnownEvenWithoutHoursOrHolidays()
    {
        var code = ExchangeHarness.NewCode();
        await harness.AddStockAsync("L" + code[1..6], code);

        var (status, body) = await harness.GetJsonAsync("/v1/exchanges/" + code);
        var (listStatus, list) = await harness.GetJsonAsync("/v1/exchanges");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.Equal("", body["timezone"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, listStatus);
        Assert.Contains(code, list["exchanges"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task HolidaysOfEveryExchangeAreListedForEachAndAnExchangesOwnEntryWinsTheSameDay()
    {
        var code = ExchangeHarness.NewCode();
        await harness.AddHolidayAsync(code, "2031-07-04", "Independence Day");
        await harness.AddHolidayAsync(code, "2031-12-25", "Christmas (own entry)", earlyClose: "12:00");
        await harness.AddHolidayAsync("ALL", "2031-01-01", "New Year's Day");
        await harness.AddHolidayAsync("ALL", "2031-12-25", "Christmas Day");

        var (status, body) = await harness.GetJsonAsync($"/v1/exchanges/{code}/holidays?year=2031");

        Assert.Equal(HttpStatusCode.OK, status);
        var holidays = body["holidays"]!.AsArray();
        Assert.Equal(["2031-01-01", "2031-07-04", "2031-12-25"], holidays.Select(h => h!["date"]!.GetValue<string>()));
        Assert.Equal(["New Year's Day", "Independence Day", "Christmas (own entry)"], holidays.Select(h => h!["name"]!.GetValue<string>()));
        var (_, list) = await harness.GetJsonAsync("/v1/exchanges");
        Assert.DoesNotContain("ALL", list["exchanges"]!.AsArray().Select(e => e!["code"]!.GetValue<string>()));
    }

    [Fact]
    public async Task OneExchangeIsFoundByItsCodeInAnyCase()
    {
        var code = ExchangeHarness.NewCode();
        await harness.AddTradingHoursAsync("SAP", code, "Europe/Berlin", "09:00", "17:30");

        var (status, body) = await harness.GetJsonAsync("/v1/exchanges/" + code.ToLowerInvariant());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.Equal("Europe/Berlin", body["timezone"]!.GetValue<string>());
        Assert.Equal("17:30:00", body["marketCloseTime"]!.GetValue<string>());
        Assert.Equal(1, body["symbolCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task HolidaysAreThoseOfTheExchangeWithinTheRangeOldestFirst()
    {
        string code = ExchangeHarness.NewCode(), other = ExchangeHarness.NewCode();
        await harness.AddHolidayAsync(code, "2024-12-25", "Christmas Day");
        await harness.AddHolidayAsync(code, "2023-12-25", "Christmas Day");
        await harness.AddHolidayAsync(code, "2024-07-03", "Independence Day eve", earlyClose: "13:00");
        await harness.AddHolidayAsync(code, "2024-01-01", "New Year's Day");
        await harness.AddHolidayAsync(code, "2025-01-01", "New Year's Day");
        await harness.AddHolidayAsync(other, "2024-05-01", "Labour Day");

        var (status, body) = await harness.GetJsonAsync($"/v1/exchanges/{code}/holidays?from=2024-01-01&to=2024-12-24");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(code, body["code"]!.GetValue<string>());
        Assert.Equal("2024-01-01", body["from"]!.GetValue<string>());
        Assert.Equal("2024-12-24", body["to"]!.GetValue<string>());
        var holidays = body["holidays"]!.AsArray();
        Assert.Equal(["2024-01-01", "2024-07-03"], holidays.Select(h => h!["date"]!.GetValue<string>()));
        Assert.Equal(["New Year's Day", "Independence Day eve"], holidays.Select(h => h!["name"]!.GetValue<string>()));
        Assert.Equal(["", "13:00:00"], holidays.Select(h => h!["earlyCloseTime"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AYearMeansItsWholeCalendarYearAndNoRangeMeansThisYear()
    {
        var code = ExchangeHarness.NewCode();
        foreach (var date in new[] { "2023-12-29", "2024-01-01", "2024-12-31", "2025-01-01" })
        {
            await harness.AddHolidayAsync(code, date, "Closed");
        }

        var (yearStatus, year) = await harness.GetJsonAsync($"/v1/exchanges/{code}/holidays?year=2023");
        var (_, thisYear) = await harness.GetJsonAsync($"/v1/exchanges/{code}/holidays"); // the clock says 2024
        var (_, fromOnly) = await harness.GetJsonAsync($"/v1/exchanges/{code}/holidays?from=2024-06-01");

        Assert.Equal(HttpStatusCode.OK, yearStatus);
        Assert.Equal(["2023-12-29"], Dates(year));
        Assert.Equal(["2024-01-01", "2024-12-31"], Dates(thisYear));
        Assert.Equal("2024-01-01", thisYear["from"]!.GetValue<string>());
        Assert.Equal("2024-12-31", thisYear["to"]!.GetValue<string>());
        Assert.Equal(["2024-12-31"], Dates(fromOnly));
    }

    [Fact]
    public async Task AKnownExchangeWithoutHolidaysInTheRangeHasAnEmptyList()
    {
        var code = ExchangeHarness.NewCode();
        await harness.AddTradingHoursAsync("EMPTY", code, "Asia/Tokyo", "09:00", "15:00");

        var (status, body) = await harness.GetJsonAsync($"/v1/exchanges/{code}/holidays?year=2024");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(Dates(body));
    }

    [Theory]
    [InlineData("/v1/exchanges/{0}")]
    [InlineData("/v1/exchanges/{0}/holidays")]
    public async Task AnUnknownExchangeIsNotFound(string template)
    {
        var (status, body) = await harness.GetJsonAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, ExchangeHarness.NewCode()));

        Assert.Equal(HttpStatusCode.NotFound, status);
        Assert.Equal((int)StatusCode.NotFound, body["code"]!.GetValue<int>());
    }

    public static TheoryData<string, string> BadRequests => new()
    {
        { "/v1/exchanges/" + new string('X', 21), "code" },
        { "/v1/exchanges/NY%20SE", "code" },
        { "/v1/exchanges/-NYSE/holidays", "code" },
        { "/v1/exchanges/NYSE/holidays?from=2024-13-01", "from" },
        { "/v1/exchanges/NYSE/holidays?to=yesterday", "to" },
        { "/v1/exchanges/NYSE/holidays?from=2024-12-01&to=2024-01-01", "from" },
        { "/v1/exchanges/NYSE/holidays?year=2024&from=2024-01-01", "year" },
        { "/v1/exchanges/NYSE/holidays?year=-1", "year" },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputIsA400NamingTheField(string path, string field)
    {
        var (status, body) = await harness.GetJsonAsync(path);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal((int)StatusCode.InvalidArgument, body["code"]!.GetValue<int>());
        var violations = body["details"]!.AsArray()
            .Where(d => d!["@type"]!.GetValue<string>().EndsWith("google.rpc.BadRequest", StringComparison.Ordinal))
            .SelectMany(d => d!["fieldViolations"]!.AsArray())
            .Select(v => v!["field"]!.GetValue<string>());
        Assert.Equal([field], violations);
    }

    [Fact]
    public async Task OverGrpcAUserReadsHolidaysAndABadDateIsInvalidArgumentNamingTheField()
    {
        var code = ExchangeHarness.NewCode();
        await harness.AddHolidayAsync(code, "2024-11-28", "Thanksgiving Day");
        var client = new ExchangeService.ExchangeServiceClient(harness.Grpc);

        var holidays = await client.ListMarketHolidaysAsync(new ListMarketHolidaysRequest { Code = code, Year = 2024 }, harness.UserHeaders());
        var bad = await Assert.ThrowsAsync<RpcException>(() => client.ListMarketHolidaysAsync(
            new ListMarketHolidaysRequest { Code = code, From = "2024-02-30" }, harness.UserHeaders()).ResponseAsync);
        var unknown = await Assert.ThrowsAsync<RpcException>(() => client.GetExchangeAsync(
            new GetExchangeRequest { Code = ExchangeHarness.NewCode() }, harness.UserHeaders()).ResponseAsync);

        Assert.Equal("Thanksgiving Day", Assert.Single(holidays.Holidays).Name);
        Assert.Equal(StatusCode.InvalidArgument, bad.StatusCode);
        var badRequest = bad.GetRpcStatus()!.GetDetail<BadRequest>();
        Assert.Equal(["from"], badRequest.FieldViolations.Select(v => v.Field));
        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task ACallWithoutATokenIsRefused()
    {
        var client = new ExchangeService.ExchangeServiceClient(harness.Grpc);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.ListExchangesAsync(new ListExchangesRequest()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    private static List<string> Dates(JsonObject body) =>
        body["holidays"]!.AsArray().Select(h => h!["date"]!.GetValue<string>()).ToList();
}
