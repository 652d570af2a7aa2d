using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// The Portfolio service keeps each user's ledger in memory between metrics requests. It must
/// notice every change to the user's transactions, even one it did not make itself.
/// </summary>
[Collection(SuiteCollection.Name)]
public class LedgerMemoryTests(SuiteFixture suite)
{
    private MetricsService.MetricsServiceClient Metrics => new(suite.Grpc);

    private TransactionService.TransactionServiceClient Transactions => new(suite.Grpc);

    private PortfolioService.PortfolioServiceClient Portfolios => new(suite.Grpc);

    private Task<PortfolioSummary> SummaryAsync(TestUser user, string asOf) =>
        Metrics.GetSummaryAsync(new GetSummaryRequest { AsOf = asOf, BaseCurrency = "USD" }, user.Bearer()).ResponseAsync;

    [Fact]
    public async Task ATransactionWrittenOutsideTheServiceShowsInTheNextUncachedSummary()
    {
        var user = await suite.Http.SignUpAsync();
        var symbol = GrpcCalls.NewSymbol("L");
        await Transactions.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "BUY", Symbol = symbol, Quantity = "10", Price = "100", Date = "2024-03-01", Currency = "USD",
        }, user.Bearer());
        var before = await SummaryAsync(user, "2024-03-28");
        var portfolio = await Portfolios.DefaultPortfolioIdAsync(user);

        // Straight into the database: no service call, no cache signal, only the ledger counter moves.
        await using (var insert = suite.Superuser.CreateCommand(
            """
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            values ($1, $2, 'BUY', $3, 5, 100, date '2024-03-02', 'USD')
            """))
        {
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = user.Id });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = Guid.Parse(portfolio) });
            insert.Parameters.Add(new Npgsql.NpgsqlParameter { Value = symbol });
            await insert.ExecuteNonQueryAsync();
        }
        // Another day: a different result-cache entry, so the engine runs again on the held ledger (or a fresh one).
        var after = await SummaryAsync(user, "2024-03-27");

        Assert.Equal(10m, GrpcCalls.Amount(Assert.Single(before.Positions).Quantity));
        Assert.Equal(15m, GrpcCalls.Amount(Assert.Single(after.Positions).Quantity));
    }
}
