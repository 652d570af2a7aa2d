using Google.Rpc;
using Grpc.Core;
using PortfolioTracker.Protos.MarketData.V1;

namespace PortfolioTracker.MarketData.Tests.Prices;

/// <summary>
/// GetValuationSeries, the one call the Portfolio service makes per uncached valuation: each
/// symbol's master data and closes over its own window, each pair's rates over its own window,
/// and the rates of stock currencies the caller could not name yet (the real Program over
/// PostgreSQL, native gRPC).
/// </summary>
public sealed class ValuationSeriesTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>, IAsyncLifetime
{
    public async Task InitializeAsync()
    {
        await harness.ExecuteAsync(
            """
            insert into stocks (symbol, currency, sector) values
              ('VSAAA', 'USD', 'Technology'), ('VSBBB', 'CHF', null), ('VSCCC', 'GBP', 'Energy')
            on conflict do nothing;
            insert into historical_prices (symbol, date, open, high, low, close, adjusted_close)
            select s, d::date, c, c, c, c, c
            from (values ('VSAAA', '2024-01-02', 10.5), ('VSAAA', '2024-01-03', 11), ('VSAAA', '2024-01-04', 12.25), ('VSAAA', '2024-01-05', 13),
                         ('VSBBB', '2024-01-02', 20), ('VSBBB', '2024-01-05', 21.50)) v(s, d, c)
            on conflict do nothing;
            insert into forex_rates (from_currency, to_currency, date, rate) values
              ('CHF', 'EUR', date '2024-01-02', 1.05), ('CHF', 'EUR', date '2024-01-04', 1.06),
              ('GBP', 'EUR', date '2024-01-03', 1.15), ('USD', 'EUR', date '2024-01-03', 0.91)
            on conflict do nothing;
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    private PriceService.PriceServiceClient Client => new(harness.Grpc);

    [Fact]
    public async Task EachSymbolGetsItsMasterDataAndItsClosesOverItsOwnWindowWithTheCloseBeforeIt()
    {
        var request = new GetValuationSeriesRequest();
        request.Symbols.Add(new SymbolWindow { Symbol = "VSAAA", From = "2024-01-04", To = "2024-01-05" });
        request.Symbols.Add(new SymbolWindow { Symbol = "vsbbb", From = "2024-01-03", To = "2024-01-04" });
        request.Symbols.Add(new SymbolWindow { Symbol = "VSCCC" }); // master data only
        request.Symbols.Add(new SymbolWindow { Symbol = "VSNONE", From = "2024-01-02", To = "2024-01-05" });

        var response = await Client.GetValuationSeriesAsync(request, harness.UserHeaders());

        Assert.Equal(["VSAAA|USD|Technology", "VSBBB|CHF|", "VSCCC|GBP|Energy"],
            response.Stocks.Select(s => $"{s.Symbol}|{s.Currency}|{s.Sector}").Order(StringComparer.Ordinal));
        Assert.Equal(["VSAAA", "VSBBB", "VSNONE"], response.Closes.Select(c => c.Symbol));
        Assert.Equal(["2024-01-03", "2024-01-04", "2024-01-05"], response.Closes[0].Dates);
        Assert.Equal(["11", "12.25", "13"], response.Closes[0].Closes);
        Assert.Equal(["2024-01-02"], response.Closes[1].Dates); // only the close before the window: none inside it
        Assert.Empty(response.Closes[2].Dates);
        Assert.Empty(response.Rates);
    }

    [Fact]
    public async Task RatesComeForNamedPairsAndForStockCurrenciesNeitherNamedNorHeld()
    {
        var request = new GetValuationSeriesRequest
        {
            StockFx = new StockFxWindow { Currency = "EUR", From = "2024-01-02", To = "2024-01-05", Held = { "USD" } },
        };
        request.Symbols.Add(new SymbolWindow { Symbol = "VSAAA" });
        request.Symbols.Add(new SymbolWindow { Symbol = "VSBBB" });
        request.Symbols.Add(new SymbolWindow { Symbol = "VSCCC" });
        request.Pairs.Add(new PairWindow { FromCurrency = "CHF", ToCurrency = "EUR", From = "2024-01-05", To = "2024-01-05" });

        var response = await Client.GetValuationSeriesAsync(request, harness.UserHeaders());

        // CHF/EUR over its own short window (the rate before it included); GBP/EUR added for VSCCC; USD is held.
        Assert.Equal(["CHF/EUR", "GBP/EUR"], response.Rates.Select(r => $"{r.From}/{r.To}"));
        Assert.Equal(["2024-01-04"], response.Rates[0].Dates);
        Assert.Equal(["1.06"], response.Rates[0].Rates);
        Assert.Equal(["2024-01-03"], response.Rates[1].Dates);
        Assert.Equal(["1.15"], response.Rates[1].Rates);
    }

    [Fact]
    public async Task APairIsDerivedFromItsInverseLikeTheSeriesBatch()
    {
        var request = new GetValuationSeriesRequest();
        request.Pairs.Add(new PairWindow { FromCurrency = "EUR", ToCurrency = "GBP", From = "2024-01-03", To = "2024-01-05" });

        var response = await Client.GetValuationSeriesAsync(request, harness.UserHeaders());

        var rates = Assert.Single(response.Rates);
        Assert.Equal(["2024-01-03"], rates.Dates);
        Assert.Equal(1m / 1.15m, decimal.Parse(rates.Rates[0], System.Globalization.CultureInfo.InvariantCulture), 12);
    }

    [Fact]
    public async Task BadWindowsAreRefusedNamingEachField()
    {
        var request = new GetValuationSeriesRequest
        {
            StockFx = new StockFxWindow { Currency = "euro", From = "2024-01-02", Held = { "US" } },
        };
        request.Symbols.Add(new SymbolWindow { Symbol = "VSAAA", From = "2024-01-05", To = "2024-01-04" });
        request.Symbols.Add(new SymbolWindow { Symbol = "not a symbol!" });
        request.Pairs.Add(new PairWindow { FromCurrency = "CHF", ToCurrency = "EUR", From = "5 Jan" });
        request.Pairs.Add(new PairWindow { FromCurrency = "CHF", ToCurrency = "EUR" });

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetValuationSeriesAsync(request, harness.UserHeaders()).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(
            ["pairs[0].from", "pairs[1].from", "stockFx.currency", "stockFx.held[0]", "symbols[0].from", "symbols[1].symbol"],
            Fields(error).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ARequestNamingNothingOrTooManyPairsIsRefused()
    {
        var tooMany = new GetValuationSeriesRequest();
        tooMany.Pairs.Add(Enumerable.Range(0, 101).Select(_ => new PairWindow { FromCurrency = "CHF", ToCurrency = "EUR", From = "2024-01-02" }));

        var empty = await Assert.ThrowsAsync<RpcException>(() => Client.GetValuationSeriesAsync(new GetValuationSeriesRequest(), harness.UserHeaders()).ResponseAsync);
        var many = await Assert.ThrowsAsync<RpcException>(() => Client.GetValuationSeriesAsync(tooMany, harness.UserHeaders()).ResponseAsync);

        Assert.Equal([StatusCode.InvalidArgument, StatusCode.InvalidArgument], [empty.StatusCode, many.StatusCode]);
        Assert.Equal(["symbols"], Fields(empty));
        Assert.Equal(["pairs"], Fields(many));
    }

    [Fact]
    public async Task AnAnonymousCallerIsRefused()
    {
        var request = new GetValuationSeriesRequest();
        request.Symbols.Add(new SymbolWindow { Symbol = "VSAAA", From = "2024-01-02" });

        var error = await Assert.ThrowsAsync<RpcException>(() => Client.GetValuationSeriesAsync(request).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private static List<string> Fields(RpcException error) =>
        error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];
}
