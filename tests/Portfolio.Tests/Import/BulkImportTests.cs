using Microsoft.Extensions.DependencyInjection;
using System.Globalization;
using System.Net;
using System.Text;
using Npgsql;
using PortfolioTracker.Portfolio.Domain;
using PortfolioTracker.Portfolio.Domain.Holdings;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Import;
using PortfolioTracker.Portfolio.Grpc;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.Portfolio.Tests.Import;

/// <summary>
/// Files of thousands of rows through the Portfolio service's real Program over PostgreSQL and
/// Redis, written in bulk: all of a file or nothing (rows, holdings, audit, ledger counter), every
/// row written as the user under RLS and audited, and holdings equal to a replay of the ledger.
/// </summary>
public sealed class BulkImportTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private const int FileRows = 3_000;
    private static readonly string[] Tickers = ["AAPL", "MSFT", "NVDA", "KO", "XOM"];

    private static string File(int rows, int seed, DateOnly first, int step = 1) =>
        GeneratedFiles.BuysAndSells(Tickers, rows, seed, first, step);

    private Task<(HttpStatusCode Status, System.Text.Json.Nodes.JsonObject Body)> ImportAsync(Guid user, string csv) =>
        harness.SendJsonAsync(HttpMethod.Post, "/v1/transactions:import", new { content = csv }, harness.Tokens.ForUser(user));

    private async Task<long> CountAsync(string sql, Guid user)
    {
        await using var command = harness.Superuser.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<Dictionary<string, (decimal Quantity, decimal? AveragePrice)>> HoldingsAsync(Guid user)
    {
        await using var command = harness.Superuser.CreateCommand("select symbol, quantity, average_price from holdings where user_id = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = user });
        await using var reader = await command.ExecuteReaderAsync();
        var holdings = new Dictionary<string, (decimal, decimal?)>();
        while (await reader.ReadAsync())
        {
            holdings[reader.GetString(0)] = (reader.GetDecimal(1), reader.IsDBNull(2) ? null : reader.GetDecimal(2));
        }
        return holdings;
    }

    /// <summary>What the holdings must be: the files' rows replayed per symbol in the ledger's order.</summary>
    private static Dictionary<string, (decimal Quantity, decimal? AveragePrice)> Replayed(params string[] files)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        return files.SelectMany(f => TransactionFileParser.Parse(f).Rows)
            .Select(r => TransactionValidator.Validate(r.Input, today).Value!)
            .Select((t, recorded) => (t.Symbol, Recorded: recorded, Line: new LedgerLine(Guid.NewGuid(), t.Type, t.Date, t.Quantity, t.Price, t.Currency)))
            .GroupBy(r => r.Symbol)
            .ToDictionary(g => g.Key, g =>
            {
                var holding = PositionReplay.Replay(g.OrderBy(r => r.Line.Date).ThenBy(r => LedgerOrder.Rank(r.Line.Type)).ThenBy(r => r.Recorded)
                    .Select(r => r.Line)).Holding!;
                return (holding.Quantity, holding.AveragePrice);
            });
    }

    [Fact]
    public async Task AFileWhoseLastRowSellsMoreThanIsHeldWritesNothingAtAll()
    {
        var user = await harness.AddUserAsync();
        var csv = File(FileRows - 1, seed: 1, new DateOnly(2015, 1, 5)) + "SELL,AAPL,1000000,100,2025-06-02,USD,0,\n";

        var (status, body) = await ImportAsync(user, csv);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal([$"rows[{FileRows}].quantity"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(0, await CountAsync("select count(*) from transactions where user_id = $1", user));
        Assert.Equal(0, await CountAsync("select count(*) from holdings where user_id = $1", user));
        Assert.Equal(0, await CountAsync("select count(*) from audit_log where user_id = $1 and table_name in ('transactions', 'holdings')", user));
        Assert.Equal(0, await CountAsync("select count(*) from private.ledger_versions where user_id = $1", user));
    }

    [Fact]
    public async Task EveryImportedRowIsWrittenAsTheUserUnderRlsAndAuditedOnce()
    {
        var user = await harness.AddUserAsync();

        var (status, body) = await ImportAsync(user, File(FileRows, seed: 2, new DateOnly(2015, 1, 5)));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FileRows, (int)body["imported"]!);
        Assert.Equal(FileRows, await CountAsync("select count(*) from transactions where user_id = $1", user));
        // One INSERT audit row per stored transaction, naming it, by the user in the role RLS applies to.
        Assert.Equal(FileRows, await CountAsync(
            """
            select count(*) from audit_log a join transactions t on t.id = a.record_id
            where a.user_id = $1 and t.user_id = $1 and a.table_name = 'transactions' and a.action = 'INSERT'
              and a.actor_id = $1 and a.actor_role = 'authenticated' and a.new_data ->> 'symbol' = t.symbol
            """, user));
        Assert.Equal(FileRows, await CountAsync("select count(*) from audit_log where user_id = $1 and table_name = 'transactions'", user));
    }

    [Fact]
    public async Task AFilesRowsGetOneRunOfVersion7IdsInFileOrder()
    {
        var user = await harness.AddUserAsync();

        var (status, body) = await ImportAsync(user, File(FileRows, seed: 4, new DateOnly(2016, 2, 1)));

        Assert.Equal(HttpStatusCode.OK, status);
        // One random draw for the file (migration 081): the first 64 bits shared, the last 64 counting up by one per row.
        var hex = body["transactions"]!.AsArray().Select(t => ((string)t!["id"]!).Replace("-", "", StringComparison.Ordinal)).ToList();
        Assert.Equal(FileRows, hex.Count);
        Assert.All(hex, h => Assert.Equal(hex[0][..16], h[..16]));
        Assert.Equal('7', hex[0][12]);
        var counters = hex.Select(h => ulong.Parse(h[16..], NumberStyles.HexNumber, CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(Enumerable.Range(0, FileRows).Select(i => counters[0] + (ulong)i), counters);
        Assert.Equal(FileRows, await CountAsync("select count(distinct id) from transactions where user_id = $1", user));
    }

    [Fact]
    public async Task TheAnswerOfAnImportIsEveryRowAsTheDatabaseStoredIt()
    {
        var user = await harness.AddUserAsync();
        // Every field the answer carries, in the forms that could come back otherwise: decimals with
        // trailing zeros, no notes and notes, an exchange rate and none, two currencies, several types.
        const string Csv = """
            type,symbol,quantity,price,date,currency,commission,notes,exchange_rate
            DEPOSIT,CASH,0,1000.50,2024-01-02,USD,0,,
            BUY,AAPL,10.500,150.7500,2024-01-03,USD,0.9900,first buy,
            BUY,SAP,3,120.10,2024-01-04,EUR,1,,1.0950
            SELL,AAPL,2.5,160,2024-02-01,USD,0,trimmed,
            DIVIDEND,AAPL,8,0.24,2024-02-15,USD,0,,
            FEE,CASH,0,2.00,2024-03-01,USD,0,account fee,
            """;

        var (status, body) = await ImportAsync(user, Csv);

        Assert.Equal(HttpStatusCode.OK, status);
        var answered = body["transactions"]!.AsArray();
        Assert.Equal(6, answered.Count);
        foreach (var transaction in answered)
        {
            var (read, stored) = await harness.GetJsonAsync($"/v1/transactions/{(string)transaction!["id"]!}", user);
            Assert.Equal(HttpStatusCode.OK, read);
            Assert.Equal(stored.ToJsonString(), transaction.ToJsonString());
        }
    }

    [Fact]
    public async Task TheWarmUpsEchoOfAFileReadsBackWhatTheImportStoresAndWritesNothing()
    {
        var user = await harness.AddUserAsync();
        var csv = File(200, seed: 9, new DateOnly(2019, 3, 4));
        var file = TransactionFileParser.Parse(csv);
        var portfolio = Guid.NewGuid();
        var errors = new List<PortfolioTracker.ServiceDefaults.Validation.FieldViolation>();
        List<(Guid, NewTransaction)> rows = [.. file.Validate(portfolio, new DateOnly(2026, 1, 1), errors).Select(t => (portfolio, t))];
        Assert.Empty(errors);
        var database = harness.Services.GetRequiredService<RlsDatabase>();
        var transactions = harness.Services.GetRequiredService<TransactionRepository>();

        var echoed = await database.RunAsync(DbClaims.ForUser(user), session => transactions.EchoManyAsync(session, user, rows, default), default);

        Assert.Equal(0, await CountAsync("select count(*) from transactions where user_id = $1", user));
        Assert.Equal(0, await CountAsync("select count(*) from audit_log where user_id = $1", user));
        var (status, body) = await ImportAsync(user, csv);
        Assert.Equal(HttpStatusCode.OK, status);
        var stored = body["transactions"]!.AsArray();
        Assert.Equal(stored.Count, echoed.Count);
        for (var i = 0; i < echoed.Count; i++)
        {
            var (echo, saved) = (echoed[i].ToProto(), stored[i]!);
            Assert.Equal(portfolio.ToString(), echo.PortfolioId);
            Assert.Equal(
                ((string)saved["transactionType"]!, (string)saved["symbol"]!, (string)saved["quantity"]!, (string)saved["price"]!,
                    (string)saved["date"]!, (string)saved["currency"]!, (string)saved["commission"]!, (string)saved["notes"]!, (string)saved["exchangeRate"]!),
                (echo.TransactionType, echo.Symbol, echo.Quantity, echo.Price, echo.Date, echo.Currency, echo.Commission, echo.Notes, echo.ExchangeRate));
        }
    }

    [Fact]
    public async Task HoldingsAfterASecondFileInterleavedWithTheFirstEqualTheReplayOfBoth()
    {
        var user = await harness.AddUserAsync();
        var first = File(FileRows, seed: 3, new DateOnly(2009, 1, 5), step: 2);
        var second = File(FileRows, seed: 4, new DateOnly(2009, 1, 6), step: 2);

        var (firstStatus, _) = await ImportAsync(user, first);
        var (secondStatus, _) = await ImportAsync(user, second);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal(Replayed(first, second), await HoldingsAsync(user));
    }

    [Fact]
    public async Task AFileThatMakesAnAlreadyStoredSaleImpossibleWritesNothing()
    {
        var user = await harness.AddUserAsync();
        const string Stored = """
            type,symbol,quantity,price,date,currency,commission,notes
            BUY,AAPL,10,100,2024-01-02,USD,0,
            SELL,AAPL,10,120,2024-06-03,USD,0,
            """;
        // Sells 4 of the 10 before the stored sale of all 10, which then sells more than is held.
        const string Csv = """
            type,symbol,quantity,price,date,currency,commission,notes
            BUY,MSFT,5,300,2024-02-01,USD,0,
            SELL,AAPL,4,110,2024-03-01,USD,0,
            """;
        var (storedStatus, _) = await ImportAsync(user, Stored);
        var holdings = await HoldingsAsync(user);

        var (status, body) = await ImportAsync(user, Csv);

        Assert.Equal(HttpStatusCode.OK, storedStatus);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(["quantity"], RpcStatusJson.ViolatedFields(body));
        Assert.Equal(2, await CountAsync("select count(*) from transactions where user_id = $1", user));
        Assert.Equal(holdings, await HoldingsAsync(user));
    }

    [Fact]
    public async Task HoldingsAfterAFileIntoAPositionWithStoredRowsOnTheSameDaysEqualTheReplayOfBoth()
    {
        var user = await harness.AddUserAsync();
        // The same dates in both files: the stored rows were recorded first, so they apply first within a day and rank.
        var first = File(FileRows / 3, seed: 5, new DateOnly(2016, 1, 4));
        var second = File(FileRows / 3, seed: 6, new DateOnly(2016, 1, 4));

        var (firstStatus, _) = await ImportAsync(user, first);
        var (secondStatus, _) = await ImportAsync(user, second);

        Assert.Equal(HttpStatusCode.OK, firstStatus);
        Assert.Equal(HttpStatusCode.OK, secondStatus);
        Assert.Equal(Replayed(first, second), await HoldingsAsync(user));
    }

    [Fact]
    public async Task OneDaysRowsApplyInLedgerOrderWhateverTheirOrderInTheFile()
    {
        var user = await harness.AddUserAsync();
        // Listed sell, buy, split; applied split, buy, sell: 10 × 2 + 20 − 5 = 35.
        const string Csv = """
            type,symbol,quantity,price,date,currency,commission,notes
            BUY,AAPL,10,100,2024-01-02,USD,0,
            SELL,AAPL,5,60,2024-03-01,USD,0,
            BUY,AAPL,20,50,2024-03-01,USD,0,
            SPLIT,AAPL,2,0,2024-03-01,USD,0,
            """;

        var (status, _) = await ImportAsync(user, Csv);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Replayed(Csv), await HoldingsAsync(user));
        Assert.Equal(35m, (await HoldingsAsync(user))["AAPL"].Quantity);
    }
}
