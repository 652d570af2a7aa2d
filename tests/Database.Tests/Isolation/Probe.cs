using Npgsql;

namespace PortfolioTracker.Database.Tests.Isolation;

/// <summary>What one statement did: a row count, or the error the server raised.</summary>
public readonly record struct Outcome(long Rows, string? SqlState, string? Message)
{
    public bool Succeeded => SqlState is null;

    public bool Is(long rows) => Succeeded && Rows == rows;

    public bool IsRefused(string sqlState = AccessMatrix.InsufficientPrivilege) => SqlState == sqlState;

    /// <summary>Refused by a policy's WITH CHECK (not merely by a missing grant).</summary>
    public bool IsRlsViolation(string table) =>
        IsRefused() && Message is { } message
        && message.Contains("row-level security", StringComparison.Ordinal)
        && message.Contains($"\"{table}\"", StringComparison.Ordinal);

    public override string ToString() => Succeeded ? $"{Rows} row(s)" : $"error {SqlState}: {Message}";
}

/// <summary>
/// Runs one statement exactly as a service would (<see cref="DatabaseFixture.AsAsync{T}"/>:
/// authenticator, one transaction, role and claims set locally) and reports what happened
/// instead of throwing, so a test can go through every table and list every failure.
/// </summary>
public static class Probe
{
    /// <summary>A query whose single value is a count (or any bigint).</summary>
    public static Task<Outcome> CountAsync(this DatabaseFixture db, string role, Guid? user, string sql, params object[] args) =>
        RunAsync(db, role, user, sql, scalar: true, args);

    /// <summary>A statement whose outcome is the number of rows it inserted, updated or deleted.</summary>
    public static Task<Outcome> ExecuteAsync(this DatabaseFixture db, string role, Guid? user, string sql, params object[] args) =>
        RunAsync(db, role, user, sql, scalar: false, args);

    private static async Task<Outcome> RunAsync(DatabaseFixture db, string role, Guid? user, string sql, bool scalar, object[] args)
    {
        try
        {
            var rows = await db.AsAsync(role, user, async (connection, transaction) =>
            {
                await using var command = new NpgsqlCommand(sql, connection, transaction);
                foreach (var arg in args)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = arg });
                }
                return scalar
                    ? (long)(await command.ExecuteScalarAsync())!
                    : await command.ExecuteNonQueryAsync();
            });
            return new Outcome(rows, null, null);
        }
        catch (PostgresException e)
        {
            return new Outcome(0, e.SqlState, e.MessageText);
        }
    }
}

/// <summary>Failures collected across tables, reported together with each table's name.</summary>
public sealed class Findings
{
    private readonly List<string> _items = [];

    public void Expect(bool condition, string table, string expectation, object? actual = null)
    {
        if (!condition)
        {
            Add(table, actual is null ? expectation : $"{expectation}; got {actual}");
        }
    }

    public void Add(string table, string problem) => _items.Add($"{table}: {problem}");

    public void AssertNone(string what) =>
        Assert.True(_items.Count == 0, $"{what} — {_items.Count} failure(s):\n  " + string.Join("\n  ", _items));
}
