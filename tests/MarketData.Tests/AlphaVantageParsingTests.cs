using PortfolioTracker.MarketData.Providers.AlphaVantage;

namespace PortfolioTracker.MarketData.Tests;

/// <summary>Every data fixture through the real client and a real HTTP server.</summary>
public sealed class AlphaVantageParsingTests : IAsyncLifetime
{
    private ClientHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await ClientHarness.StartAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public async Task DailyPricesAreExactDecimalsOldestFirstWithTheUnadjustedDefaults()
    {
        var bars = await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Full, adjusted: false, CancellationToken.None);

        Assert.Equal(
            [
                new DailyBar(new DateOnly(2020, 5, 7), 122.98m, 123.26m, 120.85m, 121.23m, 121.23m, 4412047, 0m, 1m),
                new DailyBar(new DateOnly(2020, 5, 8), 122.67m, 122.80m, 121.06m, 121.79m, 121.79m, 2538547, 0m, 1m),
            ],
            bars);
        var request = Assert.Single(_harness.Server.Received);
        Assert.Contains("function=TIME_SERIES_DAILY&symbol=IBM&outputsize=full", request.QueryString);
        Assert.Equal(ClientHarness.ApiKey, request.ApiKey);
    }

    [Fact]
    public async Task DailyPricesKeepTheGapOverAWeekend()
    {
        var bars = await _harness.Provider.GetDailyPricesAsync("AAPL", OutputSize.Compact, adjusted: false, CancellationToken.None);

        Assert.Equal([new DateOnly(2024, 6, 14), new DateOnly(2024, 6, 17), new DateOnly(2024, 6, 18)], bars.Select(bar => bar.Date));
        Assert.Equal(214.29m, bars[^1].Close);
        Assert.Equal(79557910L, bars[^1].Volume);
        Assert.Contains("outputsize=compact", Assert.Single(_harness.Server.Received).QueryString);
    }

    [Fact]
    public async Task AdjustedPricesCarryTheDividendOnTheExDateAndTheAdjustedCloseBeforeIt()
    {
        var bars = await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Compact, adjusted: true, CancellationToken.None);

        Assert.Equal(4, bars.Count);
        var dayBeforeExDate = bars[0];
        Assert.Equal(new DateOnly(2024, 5, 8), dayBeforeExDate.Date);
        Assert.Equal(169.9m, dayBeforeExDate.Close);
        Assert.Equal(168.210509705847m, dayBeforeExDate.AdjustedClose);
        var exDate = bars[1];
        Assert.Equal(new DateOnly(2024, 5, 9), exDate.Date);
        Assert.Equal(1.67m, exDate.DividendAmount);
        Assert.Equal(1.0m, exDate.SplitCoefficient);
        Assert.Equal(171.305m, bars[^1].High);
        Assert.Equal("168.210509705847", dayBeforeExDate.AdjustedClose.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AdjustedPricesInThe2020FormatKeepTheirFourDecimals()
    {
        _harness.Server.Script(FakeReply.Fixture(Fixtures.DailyAdjustedIbm2020));

        var bars = await _harness.Provider.GetDailyPricesAsync("IBM", OutputSize.Full, adjusted: true, CancellationToken.None);

        Assert.Equal(new DailyBar(new DateOnly(2020, 5, 7), 122.98m, 123.26m, 120.85m, 121.23m, 121.23m, 4412047, 1.63m, 1m), bars[0]);
        Assert.Equal(121.805m, bars[1].Close);
        Assert.Equal("121.8050", bars[1].Close.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task FxRatesAreTheClosesAndKeepTheProvidersSundayBuckets()
    {
        var rates = await _harness.Provider.GetFxDailyAsync("USD", "EUR", OutputSize.Compact, CancellationToken.None);

        Assert.Equal(
            [
                new FxDailyRate(new DateOnly(2024, 6, 19), 0.93010m),
                new FxDailyRate(new DateOnly(2024, 6, 20), 0.93402m),
                new FxDailyRate(new DateOnly(2024, 6, 23), 0.93520m),
                new FxDailyRate(new DateOnly(2024, 6, 24), 0.93470m),
            ],
            rates);
        Assert.Equal(DayOfWeek.Sunday, rates[2].Date.DayOfWeek);
        Assert.Contains("function=FX_DAILY&from_symbol=USD&to_symbol=EUR", Assert.Single(_harness.Server.Received).QueryString);
    }

    [Fact]
    public async Task FxRatesInThe2020FormatParse()
    {
        var rates = await _harness.Provider.GetFxDailyAsync("EUR", "USD", OutputSize.Full, CancellationToken.None);

        Assert.Equal([new FxDailyRate(new DateOnly(2020, 5, 5), 1.0840m), new FxDailyRate(new DateOnly(2020, 5, 6), 1.0794m)], rates);
    }

    [Fact]
    public async Task QuoteReadsTheZeroPaddedFieldsAndThePercentSign()
    {
        var quote = await _harness.Provider.GetQuoteAsync("IBM", CancellationToken.None);

        Assert.Equal(
            new Quote("IBM", 121.74m, 122.67m, 122.80m, 121.06m, 2528814, new DateOnly(2020, 5, 8), 121.23m, 0.51m, 0.4207m),
            quote);
    }

    [Fact]
    public async Task OverviewHasTheMasterDataAndTheWholeDocument()
    {
        var overview = await _harness.Provider.GetOverviewAsync("IBM", CancellationToken.None);

        Assert.Equal(("IBM", "International Business Machines", "NYSE", "USD", "USA", "TECHNOLOGY", "COMPUTER & OFFICE EQUIPMENT"),
            (overview.Symbol, overview.Name, overview.Exchange, overview.Currency, overview.Country, overview.Sector, overview.Industry));
        Assert.Equal("4", overview.Raw.GetProperty("AnalystRatingStrongBuy").GetString());
    }

    [Fact]
    public async Task OverviewInThe2021FormatParses()
    {
        _harness.Server.Script(FakeReply.Fixture(Fixtures.OverviewIbm2021));

        var overview = await _harness.Provider.GetOverviewAsync("IBM", CancellationToken.None);

        Assert.Equal("International Business Machines Corporation", overview.Name);
        Assert.False(overview.Raw.TryGetProperty("AnalystRatingStrongBuy", out _));
    }

    [Fact]
    public async Task IncomeStatementHasTheAnnualReportsAndTheRawDocumentWithItsNoneValues()
    {
        var statement = await _harness.Provider.GetIncomeStatementAsync("IBM", CancellationToken.None);

        Assert.Equal("IBM", statement.Symbol);
        Assert.Equal(2, statement.AnnualReports.Count);
        Assert.Equal(new AnnualIncomeReport(new DateOnly(2020, 12, 31), 73620000000m, 5590000000m), statement.AnnualReports[0]);
        var rawReport = statement.Raw.GetProperty("annualReports")[0];
        Assert.Null(AlphaVantageJson.OptionalDecimal(rawReport, "investmentIncomeNet"));
        Assert.Equal(-1288000000m, AlphaVantageJson.OptionalDecimal(rawReport, "netInterestIncome"));
    }

    [Fact]
    public async Task DividendsAreOldestFirstAndNoneDatesAreNull()
    {
        var dividends = await _harness.Provider.GetDividendsAsync("IBM", CancellationToken.None);

        Assert.Equal(
            [
                new DividendEvent(new DateOnly(2020, 8, 7), new DateOnly(2020, 9, 10), new DateOnly(2020, 8, 10), new DateOnly(2020, 7, 28), 1.63m),
                new DividendEvent(new DateOnly(2020, 11, 9), null, null, null, 1.63m),
                new DividendEvent(new DateOnly(2024, 2, 8), new DateOnly(2024, 3, 9), new DateOnly(2024, 2, 9), new DateOnly(2024, 1, 30), 1.66m),
                new DividendEvent(new DateOnly(2024, 5, 9), new DateOnly(2024, 6, 10), new DateOnly(2024, 5, 10), new DateOnly(2024, 4, 30), 1.67m),
            ],
            dividends);
    }

    [Fact]
    public async Task SplitsAreOldestFirstWithTheirExactFactors()
    {
        var splits = await _harness.Provider.GetSplitsAsync("IBM", CancellationToken.None);

        Assert.Equal([new SplitEvent(new DateOnly(1999, 5, 27), 2m), new SplitEvent(new DateOnly(2021, 11, 4), 1.046m)], splits);
    }
}
