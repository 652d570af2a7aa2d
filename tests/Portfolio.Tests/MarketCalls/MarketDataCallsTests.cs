using System.Net;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.Portfolio.Caching;
using System.Text.Json.Nodes;
using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.Portfolio.Tests.MarketCalls;

/// <summary>
/// What a valuation costs in MarketData calls, counted on the real MarketData service in
/// process: one call when nothing is held, none when everything is held and current, and one
/// small call asking only for the days after the held ones when a new bar has come.
/// </summary>
public sealed class MarketDataCallsTests(MarketSuiteHarness harness) : IClassFixture<MarketSuiteHarness>
{
    private const string ValuationSeries = "/marketdata.v1.PriceService/GetValuationSeries";

    /// <summary>A fresh symbol trading in USD with closes 100, 101, 102, 104 over 2-5 January 2024, and USD→EUR 0.9 then 0.8.</summary>
    private async Task<string> NewUsdStockAsync()
    {
        var symbol = "M" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        await harness.ExecuteAsync(
            """
            insert into stocks (symbol, currency, sector) values ($1, 'USD', 'Technology');
            """, symbol);
        await harness.ExecuteAsync(
            """
            insert into historical_prices (symbol, date, open, high, low, close, adjusted_close)
            select $1, d::date, c, c, c, c, c
            from (values ('2024-01-02', 100), ('2024-01-03', 101), ('2024-01-04', 102), ('2024-01-05', 104)) v(d, c)
            """, symbol);
        await harness.ExecuteAsync(
            """
            insert into forex_rates (from_currency, to_currency, date, rate)
            values ('USD', 'EUR', date '2024-01-02', 0.9), ('USD', 'EUR', date '2024-01-05', 0.8)
            on conflict do nothing
            """);
        return symbol;
    }

    private async Task<Guid> HolderAsync(string symbol)
    {
        var user = await harness.AddUserAsync();
        var (status, body) = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions", new
        {
            transactionType = "BUY", symbol, quantity = "10", price = "100", date = "2024-01-02", currency = "USD",
        }, harness.Tokens.ForUser(user));
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return user;
    }

    private async Task<JsonObject> GetAsync(Guid user, string path)
    {
        var (status, body) = await harness.GetJsonAsync(path, user);
        Assert.True(status == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static string MarketPrice(JsonObject summary) => summary["positions"]![0]!["marketPrice"]!.GetValue<string>();

    [Fact]
    public async Task AColdSummaryMakesExactlyOneMarketDataCall()
    {
        var symbol = await NewUsdStockAsync();
        var user = await HolderAsync(symbol);
        JsonObject summary = [];

        var calls = await harness.CallsDuringAsync(async () =>
            summary = await GetAsync(user, "/v1/portfolio/summary?asOf=2024-01-05&baseCurrency=EUR"));

        Assert.Equal([ValuationSeries], calls.Select(c => c.Method));
        Assert.Equal("83.2", MarketPrice(summary)); // 104 USD × 0.8
    }

    [Fact]
    public async Task ASummaryWhoseMarketDataIsHeldMakesNoMarketDataCall()
    {
        var symbol = await NewUsdStockAsync();
        var first = await HolderAsync(symbol);
        var second = await HolderAsync(symbol);
        await GetAsync(first, "/v1/portfolio/performance?asOf=2024-01-05&baseCurrency=EUR");
        JsonObject sameDay = [], earlierDay = [];

        var calls = await harness.CallsDuringAsync(async () =>
        {
            sameDay = await GetAsync(second, "/v1/portfolio/summary?asOf=2024-01-05&baseCurrency=EUR"); // another user: no result cached
            earlierDay = await GetAsync(first, "/v1/portfolio/summary?asOf=2024-01-04&baseCurrency=EUR");
        });

        Assert.Empty(calls);
        Assert.Equal("83.2", MarketPrice(sameDay));
        Assert.Equal("91.8", MarketPrice(earlierDay)); // 102 USD × 0.9
    }

    [Fact]
    public async Task ANewBarIsAskedForAloneInOneSmallCall()
    {
        var symbol = await NewUsdStockAsync();
        var user = await HolderAsync(symbol);
        await GetAsync(user, "/v1/portfolio/performance?asOf=2024-01-05&baseCurrency=EUR");
        await harness.ExecuteAsync(
            "insert into historical_prices (symbol, date, open, high, low, close, adjusted_close) values ($1, date '2024-01-08', 110, 110, 110, 110, 110)",
            symbol);
        JsonObject summary = [];

        var calls = await harness.CallsDuringAsync(async () =>
            summary = await GetAsync(user, "/v1/portfolio/summary?asOf=2024-01-08&baseCurrency=EUR"));
        var held = await harness.CallsDuringAsync(async () =>
            await GetAsync(user, "/v1/portfolio/summary?asOf=2024-01-03&baseCurrency=EUR"));

        var call = Assert.Single(calls);
        Assert.Equal(ValuationSeries, call.Method);
        var request = GetValuationSeriesRequest.Parser.ParseFrom(call.Request);
        Assert.Equal([$"{symbol} 2024-01-06..2024-01-08"], request.Symbols.Select(w => $"{w.Symbol} {w.From}..{w.To}"));
        Assert.Equal(["USD/EUR 2024-01-06..2024-01-08"], request.Pairs.Select(p => $"{p.FromCurrency}/{p.ToCurrency} {p.From}..{p.To}"));
        Assert.Null(request.StockFx); // master data is held
        Assert.Equal("88", MarketPrice(summary)); // 110 USD × 0.8
        Assert.Empty(held); // the joined series serves earlier days too
    }

    [Fact]
    public async Task AColdRiskReportAsksForTheBenchmarkInTheSameSingleCall()
    {
        var symbol = await NewUsdStockAsync();
        var benchmark = await NewUsdStockAsync();
        var user = await HolderAsync(symbol);

        var calls = await harness.CallsDuringAsync(async () =>
            await GetAsync(user, $"/v1/portfolio/risk?asOf=2024-01-05&baseCurrency=EUR&benchmark={benchmark}"));

        var call = Assert.Single(calls);
        var request = GetValuationSeriesRequest.Parser.ParseFrom(call.Request);
        Assert.Equal([$"{symbol} 2024-01-02..2024-01-05", $"{benchmark} 2024-01-02..2024-01-05"],
            request.Symbols.Select(w => $"{w.Symbol} {w.From}..{w.To}"));
    }

    [Fact]
    public async Task ABenchmarkMarketDataDoesNotListIsAskedForOnceUntilClosesAreStoredForIt()
    {
        var symbol = await NewUsdStockAsync();
        var unlisted = "U" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        var user = await HolderAsync(symbol);
        var risk = $"/v1/portfolio/risk?baseCurrency=EUR&benchmark={unlisted}&asOf=";
        var first = await harness.CallsDuringAsync(async () => await GetAsync(user, risk + "2024-01-05"));

        var again = await harness.CallsDuringAsync(async () => await GetAsync(user, risk + "2024-01-04"));

        Assert.Single(first);
        Assert.Empty(again); // remembered as not listed, not asked on every report
        var import = new ImportPricesRequest { Symbol = unlisted, Currency = "USD" };
        import.Bars.Add(new PriceBar { Date = "2024-01-03", Open = "50", High = "50", Low = "50", Close = "50", AdjustedClose = "50", Volume = 1 });
        await new PriceService.PriceServiceClient(harness.MarketDataGrpc).ImportPricesAsync(import,
            new global::Grpc.Core.Metadata { { "Authorization", "Bearer " + harness.Tokens.ForServiceRole() } });
        var held = harness.Services.GetRequiredService<MarketSeriesCache>();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (held.TryGetStock(unlisted, out _) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // the announcement travels through Redis
        }
        var afterImport = await harness.CallsDuringAsync(async () => await GetAsync(user, risk + "2024-01-03"));
        var request = GetValuationSeriesRequest.Parser.ParseFrom(Assert.Single(afterImport).Request);
        Assert.Contains(unlisted, request.Symbols.Select(w => w.Symbol));
    }

    [Fact]
    public async Task ACrossRateSeriesJoinedFromTwoReadsEqualsOneReadOfTheWholeRange()
    {
        // GBP→CHF exists only as a cross through USD, its legs stored on different days.
        await harness.ExecuteAsync(
            """
            insert into forex_rates (from_currency, to_currency, date, rate) values
              ('GBP', 'USD', date '2023-12-28', 1.27), ('GBP', 'USD', date '2024-01-03', 1.26), ('GBP', 'USD', date '2024-01-08', 1.28),
              ('USD', 'CHF', date '2023-12-29', 0.85), ('USD', 'CHF', date '2024-01-04', 0.86), ('USD', 'CHF', date '2024-01-05', 0.84),
              ('USD', 'CHF', date '2024-01-09', 0.87)
            on conflict do nothing
            """);
        var client = new PriceService.PriceServiceClient(harness.MarketDataGrpc);
        async Task<List<(DateOnly, decimal)>> ReadAsync(string from, string to)
        {
            var request = new GetValuationSeriesRequest();
            request.Pairs.Add(new PairWindow { FromCurrency = "GBP", ToCurrency = "CHF", From = from, To = to });
            var rates = (await client.GetValuationSeriesAsync(request, harness.UserHeaders())).Rates.Single();
            return rates.Dates.Select((d, i) => (DateOnly.Parse(d, System.Globalization.CultureInfo.InvariantCulture),
                decimal.Parse(rates.Rates[i], System.Globalization.CultureInfo.InvariantCulture))).ToList();
        }
        var day = (string text) => DateOnly.Parse(text, System.Globalization.CultureInfo.InvariantCulture);

        var whole = new ClosePriceSeries(await ReadAsync("2024-01-02", "2024-01-09"));
        var first = SeriesPlan.For(null, day("2024-01-04"), day("2024-01-05")).Join([await ReadAsync("2024-01-04", "2024-01-05")], () => DateTimeOffset.MaxValue);
        var plan = SeriesPlan.For(first, day("2024-01-02"), day("2024-01-09"));
        var joined = plan.Join([await ReadAsync("2024-01-02", "2024-01-03"), await ReadAsync("2024-01-06", "2024-01-09")], () => DateTimeOffset.MaxValue).Series;

        Assert.Equal([(day("2024-01-02"), day("2024-01-03")), (day("2024-01-06"), day("2024-01-09"))], plan.Windows);
        Assert.Equal(Points(whole), Points(joined));
    }

    private static List<(DateOnly, decimal)> Points(ClosePriceSeries series) =>
        Enumerable.Range(0, series.Count).Select(i => (series.DateAt(i), series.CloseAt(i))).ToList();

    [Fact]
    public async Task ACorrectedOldCloseRetiresTheHeldDaysFromItsDateAndIsAskedForAgain()
    {
        var symbol = await NewUsdStockAsync();
        var user = await HolderAsync(symbol);
        await GetAsync(user, "/v1/portfolio/performance?asOf=2024-01-05&baseCurrency=EUR");
        var held = harness.Services.GetRequiredService<MarketSeriesCache>();

        // One batch through MarketData's import: 3 January corrected to 150, and a new bar on the 8th.
        var import = new ImportPricesRequest { Symbol = symbol, Currency = "USD" };
        import.Bars.Add(new[] { ("2024-01-03", "150"), ("2024-01-08", "110") }.Select(b => new PriceBar
        {
            Date = b.Item1, Open = b.Item2, High = b.Item2, Low = b.Item2, Close = b.Item2, AdjustedClose = b.Item2, Volume = 10,
        }));
        await new PriceService.PriceServiceClient(harness.MarketDataGrpc).ImportPricesAsync(import,
            new global::Grpc.Core.Metadata { { "Authorization", "Bearer " + harness.Tokens.ForServiceRole() } });
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (held.TryGetHeldCloses(symbol, out var series) && series.To != new DateOnly(2024, 1, 2) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20); // the announcement travels through Redis
        }
        JsonObject corrected = [];

        var calls = await harness.CallsDuringAsync(async () =>
            corrected = await GetAsync(user, "/v1/portfolio/summary?asOf=2024-01-04&baseCurrency=EUR"));

        var request = GetValuationSeriesRequest.Parser.ParseFrom(Assert.Single(calls).Request);
        Assert.Equal([$"{symbol} 2024-01-03..2024-01-04"], request.Symbols.Select(w => $"{w.Symbol} {w.From}..{w.To}"));
        Assert.Equal("91.8", MarketPrice(corrected)); // the 4th's close, 102 USD × 0.9, still
        Assert.Equal("135", MarketPrice(await GetAsync(user, "/v1/portfolio/summary?asOf=2024-01-03&baseCurrency=EUR"))); // 150 × 0.9
    }
}
