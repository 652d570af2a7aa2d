using System.Runtime.CompilerServices;
using Npgsql;

namespace PortfolioTracker.Operations.Integrity;

/// <summary>A rule that is one query returning (subject, detail) rows, one per problem.</summary>
public abstract class SqlRule : IIntegrityRule
{
    public abstract string Name { get; }

    protected abstract string Sql { get; }

    public async IAsyncEnumerable<IntegrityProblem> FindAsync(NpgsqlConnection connection, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(Sql, connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return new IntegrityProblem(Name, reader.GetString(0), reader.GetString(1));
        }
    }
}
