using System.Net;
using Grpc.Core;
using Npgsql;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Import;

/// <summary>
/// INTEREST and TAX rows through the Portfolio service's real Program over PostgreSQL and Redis:
/// the CSV import and a single create accept them, and a bad one is named and stores nothing.
/// </summary>
public sealed class InterestAndTaxImportTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private async Task<List<string>> StoredAsync(Guid user)
    {
        await using var command = harness.Superuser.CreateCommand(
            "select concat_ws('|', transaction_type, symbol, quantity, price, currency) from transactions where user_id = $1 order by date, transaction_type");
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }
        return rows;
    }

    [Fact]
    public async Task ACsvWithInterestAndTaxRowsIsImportedWithTheirSymbolsDefaultedToTheCurrency()
    {
        var user = await harness.AddUserAsync();
        const string csv = """
            type,symbol,quantity,price,date,currency,commission,notes
            DEPOSIT,,1000,1,2024-01-02,EUR,,
            INTEREST,,1,12.5,2024-01-31,EUR,,January interest
            TAX,,1,3.12,2024-02-01,EUR,,withholding settled
            """;

        var (status, body) = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions:import", new { content = csv }, harness.Tokens.ForUser(user));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(3, body["imported"]!.GetValue<int>());
        Assert.Equal(["DEPOSIT|EUR|1000|1|EUR", "INTEREST|EUR|1|12.5|EUR", "TAX|EUR|1|3.12|EUR"], await StoredAsync(user));
    }

    [Fact]
    public async Task AnImportedInterestOfZeroIsA400NamingItsRowAndNothingIsStored()
    {
        var user = await harness.AddUserAsync();
        const string csv = """
            type,symbol,quantity,price,date,currency,commission,notes
            DEPOSIT,,1000,1,2024-01-02,EUR,,
            INTEREST,,1,0,2024-01-31,EUR,,
            """;

        var (status, body) = await harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions:import", new { content = csv }, harness.Tokens.ForUser(user));

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["rows[2].price"], RpcStatusJson.ViolatedFields(body));
        Assert.Empty(await StoredAsync(user));
    }

    [Fact]
    public async Task InterestIsCreatedOverGrpcAndListedWithItsType()
    {
        var user = await harness.AddUserAsync();
        var client = new TransactionService.TransactionServiceClient(harness.Grpc);

        var created = await client.CreateTransactionAsync(new CreateTransactionRequest
        {
            TransactionType = "interest", Quantity = "1", Price = "4.2", Date = "2024-03-31", Currency = "USD",
        }, harness.UserHeaders(user));

        Assert.Equal(("INTEREST", "USD"), (created.TransactionType, created.Symbol));
        Assert.Equal(["INTEREST|USD|1|4.2|USD"], await StoredAsync(user));
    }
}
