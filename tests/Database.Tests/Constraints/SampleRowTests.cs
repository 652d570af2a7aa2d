using PortfolioTracker.TestSupport;
using Npgsql;

namespace PortfolioTracker.Database.Tests.Constraints;

/// <summary>The sample rows other suites build on satisfy every constraint and every policy.</summary>
[Collection(DatabaseCollection.Name)]
public class SampleRowTests(DatabaseFixture db)
{
    public static TheoryData<string> Tables => new(SampleRows.InsertOwnedBy.Keys.Order());

    [Theory]
    [MemberData(nameof(Tables))]
    public async Task TheSampleRowOfAUserTableCanBeInsertedByItsOwner(string table)
    {
        var user = await db.CreateUserAsync();

        var inserted = await db.AsAsync("authenticated", user, async (connection, transaction) =>
        {
            await using var command = new NpgsqlCommand(SampleRows.InsertOwnedBy[table], connection, transaction);
            command.Parameters.Add(new NpgsqlParameter { Value = user });
            await command.ExecuteNonQueryAsync();
            await using var count = new NpgsqlCommand($"select count(*) from public.{table} where user_id = $1", connection, transaction);
            count.Parameters.Add(new NpgsqlParameter { Value = user });
            return (long)(await count.ExecuteScalarAsync())!;
        });

        Assert.Equal(1, inserted);
    }
}
