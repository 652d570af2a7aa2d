using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// The web dashboard in a real headless Chromium against the running suite: what a person does
/// on the page, checked against what the API answers for the same user. Every test also checks
/// that the page asked no host but the gateway and logged no script or policy error.
/// </summary>
[Collection(SuiteCollection.Name)]
public sealed class DashboardBrowserTests(SuiteFixture suite, DashboardBrowser browser) : IClassFixture<DashboardBrowser>
{
    private const string Password = "correct horse battery staple";

    private DashboardBrowser Browser => browser;

    private HttpClient Http => suite.Http;

    private static string NewEmail() => $"browser-{Guid.NewGuid():N}@example.com";

    private static string Day(int daysAgo) =>
        DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-daysAgo).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task ImportCloseAsync(string serviceToken, string symbol, string close, string date)
    {
        var bar = new { date, open = close, high = close, low = close, close, adjustedClose = close, volume = 1000, dividendAmount = "0", splitCoefficient = "1" };
        using var import = await Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", serviceToken, new { symbol, currency = "USD", bars = new[] { bar } });
        Assert.True(import.StatusCode == HttpStatusCode.OK, $"import answered {(int)import.StatusCode}: {await import.ReadJsonAsync()}");
    }

    private async Task<JsonObject> LogInAsync(string email, string password)
    {
        using var response = await Http.SendAsync(HttpMethod.Post, "/v1/auth/login", token: null, new { email, password });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"login answered {(int)response.StatusCode}: {body.Json()}");
        return body;
    }

    private async Task<JsonObject> GetAsync(string path, string token)
    {
        using var response = await Http.SendAsync(HttpMethod.Get, path, token);
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path} answered {(int)response.StatusCode}: {body.Json()}");
        return body;
    }

    private async Task AddTransactionOnThePageAsync(DashboardPage page, string type, string symbol, string quantity, string price, string date, int rowsAfter)
    {
        await page.Page.SelectAsync("#transactions form.editor [name=transactionType]", type);
        await page.FillAsync("#transactions form.editor [name=symbol]", symbol);
        await page.FillAsync("#transactions form.editor [name=quantity]", quantity);
        await page.FillAsync("#transactions form.editor [name=price]", price);
        await page.FillAsync("#transactions form.editor [name=date]", date);
        await page.FillAsync("#transactions form.editor [name=currency]", "USD");
        await page.Page.ClickAsync("#transactions form.editor button[type=submit]");
        await page.WaitUntilAsync("n => document.querySelectorAll('#transactions table.transactions tbody tr').length === n", rowsAfter);
    }

    [Fact]
    public async Task ANewUserAddsThreeTransactionsAndSeesTheApisHoldingsAndSummaryFigures()
    {
        // Arrange: two new symbols with a close yesterday.
        var serviceToken = await ServiceToken.MintAsync(suite);
        var first = GrpcCalls.NewSymbol("WA");
        var second = GrpcCalls.NewSymbol("WB");
        await ImportCloseAsync(serviceToken, first, "120.5", Day(1));
        await ImportCloseAsync(serviceToken, second, "55.25", Day(1));
        var email = NewEmail();
        await using var page = await Browser.OpenAsync(suite.Http.BaseAddress!);

        // Act: sign up and add three transactions through the page's forms.
        await page.SignUpAsync(email, Password);
        await AddTransactionOnThePageAsync(page, "BUY", first, "10", "100", Day(20), rowsAfter: 1);
        await AddTransactionOnThePageAsync(page, "BUY", second, "5", "50", Day(20), rowsAfter: 2);
        await AddTransactionOnThePageAsync(page, "SELL", first, "4", "110", Day(10), rowsAfter: 3);
        await page.WaitUntilAsync(
            "symbol => document.querySelector(`#holdings tr[data-symbol='${symbol}'] td[data-column=quantity]`)?.dataset.value === '6'", first);

        // Assert: the same user's summary and performance, asked of the API, are what the page shows.
        var token = (await LogInAsync(email, Password))["accessToken"]!.GetValue<string>();
        var summary = await GetAsync("/v1/portfolio/summary", token);
        var performance = await GetAsync("/v1/portfolio/performance", token);
        Assert.Equal(summary["totalValue"]!.GetValue<string>(), await page.AttributeAsync("[data-figure=totalValue]", "data-value"));
        Assert.Equal(Money(summary["totalValue"]!, "USD"), (await page.TextAsync("[data-figure=totalValue] dd")).Trim());
        var ranges = performance["ranges"]!.AsArray();
        JsonNode Range(string name) => ranges.Single(r => r!["range"]!.GetValue<string>() == name)!;
        Assert.Equal(Range("1d")["gain"]!.GetValue<string>(), await page.AttributeAsync("[data-figure=todayChange]", "data-value"));
        Assert.Equal("1m", await page.AttributeAsync("[data-figure=twr]", "data-range"));
        Assert.Equal(Range("1m")["timeWeightedReturn"]!.GetValue<string>(), await page.AttributeAsync("[data-figure=twr]", "data-value"));
        Assert.Equal(Range("1m")["moneyWeightedReturn"]!.GetValue<string>(), await page.AttributeAsync("[data-figure=mwr]", "data-value"));
        Assert.Equal(Day(1), (await page.TextAsync("[data-figure=pricesAsOf]")).Trim());

        string[] columns = ["quantity", "averagePriceInCurrency", "marketPriceInCurrency", "averagePrice", "marketPrice", "marketValue",
            "weight", "investment", "unrealizedGain", "realizedGain", "dividends"];
        var positions = summary["positions"]!.AsArray();
        Assert.Equal(2, positions.Count);
        foreach (var position in positions)
        {
            var symbol = position!["symbol"]!.GetValue<string>();
            foreach (var column in columns)
            {
                var shown = await page.AttributeAsync($"#holdings tr[data-symbol='{symbol}'] td[data-column={column}]", "data-value");
                Assert.True(position[column]!.GetValue<string>() == shown, $"{symbol} {column}: API {position[column]}, page {shown}");
            }
        }
        Assert.NotEqual("0", positions.Single(p => p!["symbol"]!.GetValue<string>() == first)!["realizedGain"]!.GetValue<string>());

        // Sorting by symbol puts the rows in symbol order, then the other way round.
        await page.Page.ClickAsync("#holdings button[data-sort=symbol]");
        Assert.Equal([first, second], await page.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#holdings tbody tr')].map(r => r.dataset.symbol)"));
        await page.Page.ClickAsync("#holdings button[data-sort=symbol]");
        Assert.Equal([second, first], await page.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#holdings tbody tr')].map(r => r.dataset.symbol)"));
        page.AssertOnlyTheGatewayWasAsked();
    }

    [Fact]
    public async Task ACsvImportWithOneBadRowShowsThatRowsErrorsAndStoresNothing()
    {
        var email = NewEmail();
        var file = Path.Combine(Path.GetTempPath(), $"import-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file, """
            type,symbol,quantity,price,date,currency
            BUY,IMPB,10,50,2024-01-02,USD
            BUY,IMPB,-3,50,2024-01-03,usd
            BUY,IMPB,10,50,2024-01-04,USD
            """);
        await using var page = await Browser.OpenAsync(suite.Http.BaseAddress!);
        await page.SignUpAsync(email, Password);

        try
        {
            var input = await page.Page.QuerySelectorAsync("#transactions form.import input[type=file]");
            await input.UploadFileAsync(file);
            await page.Page.ClickAsync("#transactions form.import button[type=submit]");
            await page.Page.WaitForSelectorAsync("#transactions .row-errors li");
        }
        finally
        {
            File.Delete(file);
        }

        var rows = await page.Page.EvaluateExpressionAsync<string[]>("[...document.querySelectorAll('#transactions .row-errors li')].map(li => li.dataset.row)");
        var text = await page.TextAsync("#transactions .row-errors li[data-row='2']");
        Assert.Equal(["2"], rows);
        Assert.StartsWith("Row 2: ", text);
        Assert.Contains("quantity", text);
        Assert.Contains("currency", text);
        Assert.StartsWith("Nothing was imported", await page.TextAsync("#transactions .import-result"));
        var id = Guid.Parse((await LogInAsync(email, Password))["user"]!["id"]!.GetValue<string>());
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", id));
        page.AssertOnlyTheGatewayWasAsked();
    }

    [Fact]
    public async Task AnAlertCreatedOnThePageAppearsLiveWhenAPriceImportFiresIt()
    {
        var serviceToken = await ServiceToken.MintAsync(suite);
        var symbol = GrpcCalls.NewSymbol("WL");
        var email = NewEmail();
        await using var page = await Browser.OpenAsync(suite.Http.BaseAddress!);
        await page.SignUpAsync(email, Password);
        var token = (await LogInAsync(email, Password))["accessToken"]!.GetValue<string>();

        await page.FillAsync("#alerts form[aria-label='Create a price alert'] [name=symbol]", symbol);
        await page.Page.SelectAsync("#alerts form[aria-label='Create a price alert'] [name=condition]", "above");
        await page.FillAsync("#alerts form[aria-label='Create a price alert'] [name=targetPrice]", "10");
        await page.Page.ClickAsync("#alerts form[aria-label='Create a price alert'] button[type=submit]");
        await page.Page.WaitForSelectorAsync("#alerts table tr[data-alert]");

        // The stream delivers alerts that fire after it is listening, and nothing shows when it
        // started listening: fire, and re-arm and fire again every few seconds, until one shows.
        var deadline = DateTime.UtcNow.AddSeconds(60);
        await ImportCloseAsync(serviceToken, symbol, "11.5", Day(1));
        while (await page.Page.QuerySelectorAsync("#alerts .fired li") is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "no fired alert appeared on the page");
            await Task.Delay(3000);
            if (await page.Page.QuerySelectorAsync("#alerts .fired li") is not null)
            {
                break;
            }
            using var rearm = await Http.SendAsync(HttpMethod.Post, "/v1/alerts", token, new { symbol, targetPrice = "10", condition = "above" });
            await ImportCloseAsync(serviceToken, symbol, "11.5", Day(1));
        }

        var fired = await page.TextAsync("#alerts .fired li");
        Assert.StartsWith($"{symbol} above 10: fired at 11.5", fired);
        await page.WaitUntilAsync("() => document.querySelector('#alerts table tr[data-alert] .alert-state')?.textContent === 'fired at 11.5'");
        page.AssertOnlyTheGatewayWasAsked();
    }

    [Fact]
    public async Task LoggingOutTakesTheDataOffThePageAndOutOfStorageAndRevokesTheRefreshToken()
    {
        // Arrange: a user with a holding, signed in on the page with the keyboard only.
        var user = await Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("WO");
        await Http.CreateTransactionAsync(user, Api.Buy(symbol, "7", "42"));
        await using var page = await Browser.OpenAsync(suite.Http.BaseAddress!);
        await page.Page.FocusAsync("#signin-email");
        await page.Page.Keyboard.TypeAsync(user.Email);
        await page.Page.Keyboard.PressAsync("Tab");
        await page.Page.Keyboard.TypeAsync(user.Password);
        await page.Page.Keyboard.PressAsync("Enter");
        await page.WaitUntilLoadedAsync();
        await page.Page.WaitForSelectorAsync($"#holdings tr[data-symbol='{symbol}']");
        var refreshToken = await page.Page.EvaluateExpressionAsync<string>("sessionStorage.getItem('portfolio-tracker.refresh')");
        Assert.False(string.IsNullOrEmpty(refreshToken));
        Assert.Contains(symbol, await page.Page.GetContentAsync());

        // Act
        await page.Page.FocusAsync("#logout");
        // The page clears itself first and revokes the token after: wait for that answer too.
        var revoked = page.Page.WaitForResponseAsync(r => r.Url.EndsWith("/v1/auth/logout", StringComparison.Ordinal));
        await page.Page.Keyboard.PressAsync("Enter");
        await page.Page.WaitForSelectorAsync("#signin:not([hidden])");
        Assert.True((await revoked).Ok, "the logout call succeeds");

        // Assert: nothing of the user's is left in the page or its storage, and the token is dead.
        var html = await page.Page.GetContentAsync();
        Assert.DoesNotContain(symbol, html);
        Assert.DoesNotContain(user.Email, html);
        Assert.Equal(0, await page.Page.EvaluateExpressionAsync<int>("document.getElementById('app').childElementCount"));
        Assert.Equal(0, await page.Page.EvaluateExpressionAsync<int>("sessionStorage.length + localStorage.length"));
        Assert.Equal("", await page.Page.EvaluateExpressionAsync<string>("document.cookie"));
        using var refresh = await Http.SendAsync(HttpMethod.Post, "/v1/auth/refresh", token: null, new { refreshToken });
        Assert.Equal(HttpStatusCode.Unauthorized, refresh.StatusCode);
        page.AssertOnlyTheGatewayWasAsked();
    }

    [Fact]
    public async Task TheDemoUsersDashboardIsPhoneSizedWithoutSidewaysScrollingAndItsScreenshotIsWritten()
    {
        await using var page = await Browser.OpenAsync(suite.Http.BaseAddress!);
        await page.FillAsync("#signin-email", "demo@example.com");
        await page.FillAsync("#signin-password", suite.DemoPassword);
        await page.Page.ClickAsync("#signin-form button[value=login]");
        await page.WaitUntilLoadedAsync();
        await page.Page.WaitForSelectorAsync("#app[data-views=loaded]", new PuppeteerSharp.WaitForSelectorOptions { Timeout = 60_000 });
        await page.Page.WaitForSelectorAsync("#holdings tbody tr");
        await page.Page.WaitForSelectorAsync("#transactions table.transactions");
        Assert.Equal("", (await page.TextAsync("#status")).Trim());

        var screenshot = Path.Combine(RepositoryRoot(), "docs", "screenshots", "dashboard.png");
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.Page.ScreenshotAsync(screenshot, new PuppeteerSharp.ScreenshotOptions { FullPage = true });
        await page.Page.SetViewportAsync(new PuppeteerSharp.ViewPortOptions { Width = 390, Height = 844, IsMobile = true });
        var overflow = await page.Page.EvaluateExpressionAsync<int>("document.documentElement.scrollWidth - window.innerWidth");

        Assert.True(new FileInfo(screenshot).Length > 20_000, "the screenshot is (nearly) empty");
        Assert.True(overflow <= 0, $"the phone-sized page scrolls sideways by {overflow}px");
        page.AssertOnlyTheGatewayWasAsked();
    }

    /// <summary>The repository's root (where the solution is), so the screenshot lands in its docs.</summary>
    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "PortfolioTracker.sln")))
        {
            directory = directory.Parent;
        }
        return directory?.FullName ?? throw new InvalidOperationException("PortfolioTracker.sln not found above " + AppContext.BaseDirectory);
    }

    /// <summary>A decimal string as the page shows money: two places, half away from zero, grouped, with the currency.</summary>
    private static string Money(JsonNode value, string currency) =>
        decimal.Round(decimal.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture), 2, MidpointRounding.AwayFromZero)
            .ToString("#,##0.00", CultureInfo.InvariantCulture) + " " + currency;
}
