using Npgsql;

namespace PortfolioTracker.Database.Tests.Constraints;

/// <summary>
/// Every CHECK constraint of schema public rejects a row that breaks it (and names itself in
/// the error) and accepts a row on its boundary. Runs as the superuser, so RLS is out of the
/// way, each case in its own transaction that is rolled back: nothing is left behind.
/// </summary>
[Collection(DatabaseCollection.Name)]
public class CheckConstraintTests(DatabaseFixture db)
{
    private const string CheckViolation = "23514";

    public static TheoryData<string> Constraints => new(CheckConstraintCases.All.Select(c => c.Constraint));

    [Theory]
    [MemberData(nameof(Constraints))]
    public async Task ARowThatBreaksTheConstraintIsRejectedByThatConstraint(string constraint)
    {
        var testCase = CheckConstraintCases.For(constraint);

        var error = await Assert.ThrowsAsync<PostgresException>(() => InRolledBackTransactionAsync(testCase.ViolatingSql));

        Assert.Equal(CheckViolation, error.SqlState);
        Assert.Equal(constraint, error.ConstraintName);
        Assert.Equal(testCase.Table, error.TableName);
    }

    [Theory]
    [MemberData(nameof(Constraints))]
    public async Task ARowOnTheBoundaryOfTheConstraintIsAccepted(string constraint)
    {
        var testCase = CheckConstraintCases.For(constraint);

        var inserted = await InRolledBackTransactionAsync(testCase.BoundarySql);

        Assert.Equal(1, inserted);
    }

    public static TheoryData<string> DecimalPlaceConstraints => new(CheckConstraintCases.DecimalPlaces.Select(c => c.Constraint));

    [Theory]
    [MemberData(nameof(DecimalPlaceConstraints))]
    public async Task ASeventeenthDecimalPlaceIsRejectedAndASixteenthAccepted(string constraint)
    {
        var testCase = CheckConstraintCases.DecimalPlaces.Single(c => c.Constraint == constraint);

        var error = await Assert.ThrowsAsync<PostgresException>(() => InRolledBackTransactionAsync(testCase.ViolatingSql));
        var inserted = await InRolledBackTransactionAsync(testCase.BoundarySql);

        Assert.Equal(constraint, error.ConstraintName);
        Assert.Equal(1, inserted);
    }

    public static TheoryData<string> InterestAndTaxCases => new(CheckConstraintCases.InterestAndTax.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(InterestAndTaxCases))]
    public async Task InterestAndTaxRowsMeetTheTransactionChecksOfTheirKind(string name)
    {
        var testCase = CheckConstraintCases.InterestAndTax.Single(c => c.Name == name).Case;

        var error = await Assert.ThrowsAsync<PostgresException>(() => InRolledBackTransactionAsync(testCase.ViolatingSql));
        var inserted = await InRolledBackTransactionAsync(testCase.BoundarySql);

        Assert.Equal(testCase.Constraint, error.ConstraintName);
        Assert.Equal(1, inserted);
    }

    [Fact]
    public async Task EveryCheckConstraintInSchemaPublicHasACase()
    {
        var inDatabase = await CheckConstraintsAsync();

        var withoutCase = inDatabase.Select(c => c.Name).Except(CheckConstraintCases.All.Select(c => c.Constraint)).Order().ToList();

        Assert.True(withoutCase.Count == 0, $"CHECK constraints without a case in {nameof(CheckConstraintCases)}: {string.Join(", ", withoutCase)}");
    }

    [Fact]
    public async Task EveryCaseNamesAnExistingCheckConstraintOfItsTable()
    {
        var inDatabase = await CheckConstraintsAsync();

        var unknown = CheckConstraintCases.All
            .Where(c => !inDatabase.Contains((c.Constraint, c.Table)))
            .Select(c => $"{c.Table}.{c.Constraint}")
            .ToList();

        Assert.True(unknown.Count == 0, $"cases for CHECK constraints that do not exist: {string.Join(", ", unknown)}");
        Assert.Equal(CheckConstraintCases.All.Count, CheckConstraintCases.All.Select(c => c.Constraint).Distinct().Count());
    }

    [Fact]
    public async Task EveryCheckConstraintIsNamedAfterItsTableAndEndsInCheck()
    {
        var inDatabase = await CheckConstraintsAsync();

        var misnamed = inDatabase
            .Where(c => !(c.Name.StartsWith(c.Table + "_", StringComparison.Ordinal) && c.Name.EndsWith("_check", StringComparison.Ordinal)))
            .Select(c => c.Name)
            .ToList();

        Assert.True(misnamed.Count == 0, $"CHECK constraints not named <table>_<what>_check: {string.Join(", ", misnamed)}");
    }

    private async Task<HashSet<(string Name, string Table)>> CheckConstraintsAsync()
    {
        await using var command = db.Superuser.CreateCommand(
            """
            select c.conname::text, t.relname::text
            from pg_constraint c
            join pg_class t on t.oid = c.conrelid
            join pg_namespace n on n.oid = t.relnamespace
            where n.nspname = 'public' and c.contype = 'c'
            """);
        await using var reader = await command.ExecuteReaderAsync();
        var constraints = new HashSet<(string, string)>();
        while (await reader.ReadAsync())
        {
            constraints.Add((reader.GetString(0), reader.GetString(1)));
        }

        Assert.NotEmpty(constraints);
        return constraints;
    }

    /// <summary>
    /// Creates a user and a portfolio of it, runs <paramref name="sql"/> with <c>@user</c> and
    /// <c>@portfolio</c> standing for them, and rolls everything back.
    /// </summary>
    private async Task<int> InRolledBackTransactionAsync(string sql)
    {
        var user = Guid.NewGuid();
        var portfolio = Guid.NewGuid();
        await using var connection = await db.Superuser.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        try
        {
            await using (var arrange = new NpgsqlCommand(
                "insert into auth.users (id, email, password_hash) values ($1, $2, 'x')", connection, transaction))
            {
                arrange.Parameters.Add(new NpgsqlParameter { Value = user });
                arrange.Parameters.Add(new NpgsqlParameter { Value = $"{user:N}@example.com" });
                await arrange.ExecuteNonQueryAsync();
            }

            await using (var arrange = new NpgsqlCommand(
                "insert into public.portfolios (id, user_id, name) values ($1, $2, 'Base')", connection, transaction))
            {
                arrange.Parameters.Add(new NpgsqlParameter { Value = portfolio });
                arrange.Parameters.Add(new NpgsqlParameter { Value = user });
                await arrange.ExecuteNonQueryAsync();
            }

            // Guids format as plain hex and dashes: safe to inline as literals.
            var statement = sql
                .Replace("@user", $"'{user}'::uuid", StringComparison.Ordinal)
                .Replace("@portfolio", $"'{portfolio}'::uuid", StringComparison.Ordinal);
            await using var act = new NpgsqlCommand(statement, connection, transaction);
            return await act.ExecuteNonQueryAsync();
        }
        finally
        {
            await transaction.RollbackAsync();
        }
    }
}
