using Npgsql;

namespace PortfolioTracker.Operations.Integrity;

/// <summary>One invariant of the database, checked on a read-only snapshot.</summary>
public interface IIntegrityRule
{
    /// <summary>Short, stable name (shown in reports, usable in scripts).</summary>
    string Name { get; }

    IAsyncEnumerable<IntegrityProblem> FindAsync(NpgsqlConnection connection, CancellationToken cancellationToken);
}
