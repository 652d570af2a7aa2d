using PortfolioTracker.Portfolio.Domain.Import;

namespace PortfolioTracker.Portfolio.Tests.Import;

public class TransactionFileParserTests
{
    [Fact]
    public void TheGenericCsvIsReadRowByRow()
    {
        const string csv = """
            type,symbol,quantity,price,date,currency,commission,notes
            BUY,AAPL,10,150.75,2024-01-15,USD,0.99,first
            SELL,AAPL,5,160,2024-02-15,USD,,
            """;

        var file = TransactionFileParser.Parse(csv);

        Assert.Empty(file.Errors);
        Assert.Equal([1, 2], file.Rows.Select(r => r.Row));
        var first = file.Rows[0].Input;
        Assert.Equal(("BUY", "AAPL", "10", "150.75", "2024-01-15", "USD", "0.99", "first"),
            (first.TransactionType, first.Symbol, first.Quantity, first.Price, first.Date, first.Currency, first.Commission, first.Notes));
        Assert.Null(file.Rows[1].Input.Commission);
    }

    [Fact]
    public void AGhostfolioCsvExportIsUnderstood()
    {
        const string csv = """
            Date,Code,DataSource,Currency,Price,Quantity,Action,Fee,Note
            01-09-2021,MSFT,YAHOO,USD,298.58,5,buy,19.00,My first order
            """;

        var input = Assert.Single(TransactionFileParser.Parse(csv).Rows).Input;

        Assert.Equal(("BUY", "MSFT", "5", "298.58", "2021-09-01", "USD", "19.00", "My first order"),
            (input.TransactionType, input.Symbol, input.Quantity, input.Price, input.Date, input.Currency, input.Commission, input.Notes));
    }

    [Fact]
    public void AGhostfolioJsonExportIsUnderstood()
    {
        const string json = """
            {"meta":{"version":"2.0"},"activities":[
              {"accountId":null,"comment":null,"fee":0,"quantity":5,"type":"SELL","unitPrice":320.5,"currency":"USD","dataSource":"YAHOO","date":"2022-03-01T00:00:00.000Z","symbol":"MSFT"}
            ]}
            """;

        var input = Assert.Single(TransactionFileParser.Parse(json).Rows).Input;

        Assert.Equal(("SELL", "MSFT", "5", "320.5", "2022-03-01", "USD", "0"),
            (input.TransactionType, input.Symbol, input.Quantity, input.Price, input.Date, input.Currency, input.Commission));
    }

    [Fact]
    public void UnsupportedGhostfolioTypesAreReportedWithTheirRow()
    {
        const string csv = """
            date,symbol,currency,price,quantity,type
            2024-01-02,AAPL,USD,1,1,BUY
            2024-01-03,USD,USD,1,5,LIABILITY
            """;

        var file = TransactionFileParser.Parse(csv);

        Assert.Equal(["rows[2].transactionType"], file.Errors.Select(e => e.Field));
    }

    [Theory]
    [InlineData("")]
    [InlineData("symbol,price\nAAPL,1")]
    [InlineData("{\"nothing\":1}")]
    [InlineData("{not json")]
    public void AFileWithoutTransactionsIsRefusedNamingContent(string content) =>
        Assert.Contains("content", TransactionFileParser.Parse(content).Errors.Select(e => e.Field));
}
