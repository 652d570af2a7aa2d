using System.Data;
using Npgsql;

namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// The integrity report (the specification's monthly "constraint violations" and "RLS
/// validation", and the disaster-recovery integrity check): every rule runs in one read-only
/// repeatable-read transaction, so all of them see the same snapshot and none can change a row.
/// </summary>
/// <remarks>
/// It needs to see every row of every schema (foreign keys into <c>auth.users</c>, every user's
/// holdings), so it runs as the database owner the operator's tools use; the transaction is
/// read-only, which PostgreSQL enforces.
/// </remarks>
public sealed class IntegrityCheck(NpgsqlDataSource owner)
{
    /// <summary>At most this many problems are listed per rule; a last line counts the rest.</summary>
    public const int MaxProblemsPerRule = 100;

    public static IReadOnlyList<IIntegrityRule> Rules { get; } =
    [
        new ForeignKeyRule(),
        new HoldingsReplayRule(),
        new DividendTotalsRule(),
        new OhlcRule(),
        new RowLevelSecurityRule(),
        new PolicyRule(),
        new AuthenticatorRule(),
    ];

    public async Task<IntegrityReport> RunAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await owner.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        await using (var readOnly = new NpgsqlCommand("set transaction read only", connection, transaction))
        {
            await readOnly.ExecuteNonQueryAsync(cancellationToken);
        }

        var problems = new List<IntegrityProblem>();
        foreach (var rule in Rules)
        {
            var found = 0;
            await foreach (var problem in rule.FindAsync(connection, cancellationToken))
            {
                if (++found <= MaxProblemsPerRule)
                {
                    problems.Add(problem);
                }
            }
            if (found > MaxProblemsPerRule)
            {
                problems.Add(new IntegrityProblem(rule.Name, "…", $"{found - MaxProblemsPerRule} more problems of this kind not listed"));
            }
        }
        await transaction.RollbackAsync(cancellationToken);
        return new IntegrityReport([.. Rules.Select(r => r.Name)], problems);
    }
}
