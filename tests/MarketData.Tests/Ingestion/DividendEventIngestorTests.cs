using Npgsql;
using PortfolioTracker.MarketData.Ingestion;

namespace PortfolioTracker.MarketData.Tests.Ingestion;

/// <summary>The provider's DIVIDENDS function, replayed by the fake Alpha Vantage server, into <c>dividend_events</c>.</summary>
public sealed class DividendEventIngestorTests(IngestionHarness harness) : IClassFixture<IngestionHarness>
{
    private static string NewSymbol() => "V" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();

    private async Task<List<string>> StoredRowsAsync(string symbol)
    {
        await using var command = harness.Superuser.CreateCommand(
            """
            select concat_ws('|', ex_date, coalesce(pay_date::text, '-'), coalesce(record_date::text, '-'),
                             coalesce(declaration_date::text, '-'), amount, currency, dividend_type, source)
            from dividend_events where symbol = $1 order by ex_date
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = symbol });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    [Fact]
    public async Task TheDividendsFixtureIsStoredAsExactlyItsFourEventsInTheStocksCurrency()
    {
        var symbol = NewSymbol();
        await using (var stock = harness.Superuser.CreateCommand("insert into stocks (symbol, currency) values ($1, 'USD')"))
        {
            stock.Parameters.Add(new NpgsqlParameter { Value = symbol });
            await stock.ExecuteNonQueryAsync();
        }
        harness.Provider.Script(FakeReply.Fixture(Fixtures.DividendsIbm2024));

        var result = await harness.DividendIngestor().IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Updated, result.Status);
        Assert.Equal(4, result.BarsUpserted);
        Assert.Equal(
            [
                "2020-08-07|2020-09-10|2020-08-10|2020-07-28|1.63|USD|cash|alpha_vantage",
                "2020-11-09|-|-|-|1.63|USD|cash|alpha_vantage",
                "2024-02-08|2024-03-09|2024-02-09|2024-01-30|1.66|USD|cash|alpha_vantage",
                "2024-05-09|2024-06-10|2024-05-10|2024-04-30|1.67|USD|cash|alpha_vantage",
            ],
            await StoredRowsAsync(symbol));
    }

    [Fact]
    public async Task ASecondRoundIsServedFromTheResponseCacheAndChangesNothing()
    {
        var symbol = NewSymbol();
        var ingestor = harness.DividendIngestor();
        harness.Provider.Script(FakeReply.Fixture(Fixtures.DividendsIbm2024));
        await ingestor.IngestAsync(symbol, CancellationToken.None);
        var asked = harness.Provider.Received.Count(r => r.Symbol == symbol);

        var again = await ingestor.IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Updated, again.Status);
        Assert.Equal(0, again.BarsUpserted);
        Assert.Equal(1, asked);
        Assert.Equal(asked, harness.Provider.Received.Count(r => r.Symbol == symbol));
        Assert.Equal(4, (await StoredRowsAsync(symbol)).Count);
    }

    [Fact]
    public async Task WhenTheProviderIsOverQuotaNothingIsStoredAndTheOutcomeSaysUnavailable()
    {
        var symbol = NewSymbol();
        harness.Provider.Script(FakeReply.Fixture(Fixtures.RateLimit25PerDay));

        var result = await harness.DividendIngestor().IngestAsync(symbol, CancellationToken.None);

        Assert.Equal(IngestStatus.Unavailable, result.Status);
        Assert.Empty(await StoredRowsAsync(symbol));
    }
}
