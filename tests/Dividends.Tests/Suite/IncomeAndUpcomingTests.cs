using System.Globalization;

namespace PortfolioTracker.Dividends.Tests.Suite;

/// <summary><c>GET /v1/dividends/income</c> and <c>GET /v1/dividends/upcoming</c> over stored rows, real FX and events.</summary>
[Collection(DividendSuiteCollection.Name)]
public sealed class IncomeAndUpcomingTests(DividendSuiteHarness suite)
{
    private static decimal Dec(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    private async Task<string> ConfirmedAsync(Guid user, string symbol, string currency, string exDate, string payDate, string amount, string shares, string tax = "0")
    {
        var (status, row) = await suite.AsUserAsync(user, HttpMethod.Post, "/v1/dividends",
            new { symbol, exDate, payDate, amount, currency, sharesHeldAtExDate = shares, taxWithheld = tax });
        Assert.True(status == HttpStatusCode.OK, row.ToJsonString());
        return row["id"]!.GetValue<string>();
    }

    [Fact]
    public async Task AEuroDividendOfAUsdBasedUserIsConvertedAtThePayDatesRate()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportFxAsync("EUR", "USD", ("2024-05-21", "1.0850"), ("2024-05-24", "1.0900"));
        await ConfirmedAsync(user, symbol, "EUR", "2024-05-10", "2024-05-21", "2.20", "10");

        var (status, report) = await suite.AsUserAsync(user, HttpMethod.Get, "/v1/dividends/income?baseCurrency=USD&year=2024");

        Assert.True(status == HttpStatusCode.OK, report.ToJsonString());
        Assert.Equal("USD", report["baseCurrency"]!.GetValue<string>());
        Assert.Equal(23.87m, Dec(report["gross"])); // 22.00 EUR × 1.0850
        var bySymbol = Assert.Single(report["bySymbol"]!.AsArray());
        Assert.Equal(("EUR", 22.00m), (bySymbol!["currency"]!.GetValue<string>(), Dec(bySymbol["grossInCurrency"])));
    }

    [Fact]
    public async Task ADividendInACurrencyWithoutAKnownRateRefusesTheReportNamingThePair()
    {
        // No MNT rate exists anywhere: the report must not guess one (nor leave the payment out).
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await ConfirmedAsync(user, symbol, "MNT", "2024-05-10", "2024-05-21", "2.20", "10");

        var (status, error) = await suite.AsUserAsync(user, HttpMethod.Get, "/v1/dividends/income?baseCurrency=USD");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("No MNT/USD exchange rate is known on or before 2024-05-21", error.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task IncomeTotalsEqualTheSumOfTheirConfirmedParts()
    {
        var user = await suite.AddUserAsync();
        string a = DividendSuiteHarness.NewSymbol(), b = DividendSuiteHarness.NewSymbol();
        await suite.ImportFxAsync("EUR", "USD", ("2024-03-20", "1.0900"), ("2024-06-20", "1.0700"));
        await ConfirmedAsync(user, a, "USD", "2024-02-09", "2024-02-15", "0.24", "10", tax: "0.36");
        await ConfirmedAsync(user, a, "USD", "2024-05-10", "2024-05-16", "0.25", "10", tax: "0.375");
        await ConfirmedAsync(user, b, "EUR", "2024-03-11", "2024-03-20", "1.13", "7", tax: "2.08");
        await ConfirmedAsync(user, b, "EUR", "2024-06-11", "2024-06-20", "1.13", "7");

        var (status, report) = await suite.AsUserAsync(user, HttpMethod.Get, "/v1/dividends/income?baseCurrency=USD");

        Assert.True(status == HttpStatusCode.OK, report.ToJsonString());
        // 2.40 + 2.50 + 7.91 × 1.09 (8.62) + 7.91 × 1.07 (8.46)
        Assert.Equal(2.40m + 2.50m + 8.62m + 8.46m, Dec(report["gross"]));
        foreach (var breakdown in new[] { "byYear", "byMonth", "bySymbol", "byCurrency" })
        {
            var parts = report[breakdown]!.AsArray();
            Assert.Equal(Dec(report["gross"]), parts.Sum(p => Dec(p!["gross"])));
            Assert.Equal(Dec(report["tax"]), parts.Sum(p => Dec(p!["tax"])));
            Assert.Equal(Dec(report["net"]), parts.Sum(p => Dec(p!["net"])));
        }
        Assert.Equal(Dec(report["gross"]) - Dec(report["tax"]), Dec(report["net"]));
    }

    [Fact]
    public async Task PendingAndRejectedDividendsAreNotIncome()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event("2024-02-09", "0.24", "2024-02-15"));
        await suite.TransactAsync(user, "BUY", symbol, "10", "100", "2024-02-01");
        await suite.SyncAsync(user);

        var (_, report) = await suite.AsUserAsync(user, HttpMethod.Get, "/v1/dividends/income?baseCurrency=USD");

        Assert.Equal(0m, Dec(report["gross"]));
        Assert.Empty(report["bySymbol"]!.AsArray());
    }

    [Fact]
    public async Task AQuarterlyPayerWithFourPastPaymentsIsProjectedAtFourTimesTheLastAmountTimesTheSharesHeld()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Ago(int days) => today.AddDays(-days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await suite.ImportEventsAsync(symbol, "USD",
            DividendSuiteHarness.Event(Ago(300), "0.46", Ago(290)), DividendSuiteHarness.Event(Ago(209), "0.46", Ago(199)),
            DividendSuiteHarness.Event(Ago(118), "0.46", Ago(108)), DividendSuiteHarness.Event(Ago(27), "0.485", Ago(17)));
        await suite.TransactAsync(user, "BUY", symbol, "100", "60", Ago(400));

        var (status, report) = await suite.AsUserAsync(user, HttpMethod.Get, "/v1/dividends/upcoming?baseCurrency=USD");

        Assert.True(status == HttpStatusCode.OK, report.ToJsonString());
        var payments = report["payments"]!.AsArray();
        Assert.Equal(4, payments.Count);
        Assert.All(payments, p => Assert.Equal("projected", p!["kind"]!.GetValue<string>()));
        Assert.Equal(4 * 0.485m * 100, Dec(report["projectedAnnualIncome"]));
    }

    [Fact]
    public async Task ADeclaredPaymentNotYetPaidIsMarkedDeclared()
    {
        var user = await suite.AddUserAsync();
        var symbol = DividendSuiteHarness.NewSymbol();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await suite.ImportEventsAsync(symbol, "USD", DividendSuiteHarness.Event(Day(-100), "0.50", Day(-90)), DividendSuiteHarness.Event(Day(10), "0.52", Day(25)));
        await suite.TransactAsync(user, "BUY", symbol, "8", "60", Day(-200));

        var (_, report) = await suite.AsUserAsync(user, HttpMethod.Get, "/v1/dividends/upcoming?months=3&baseCurrency=USD");

        var declared = Assert.Single(report["payments"]!.AsArray(), p => p!["kind"]!.GetValue<string>() == "declared");
        Assert.Equal(("0.52", "8", "4.16"), (declared!["amount"]!.GetValue<string>(), declared["shares"]!.GetValue<string>(),
            declared["expectedAmount"]!.GetValue<string>()));
    }
}
