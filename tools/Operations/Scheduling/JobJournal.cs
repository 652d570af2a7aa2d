using Npgsql;

namespace PortfolioTracker.Operations.Scheduling;

/// <summary>
/// <c>ops.job_runs</c> (migration 035), as the owner or <c>ops_maintainer</c> (050): the claim that makes a due run
/// happen once across scheduler instances, and the outcome the health report shows.
/// </summary>
public sealed class JobJournal(NpgsqlDataSource database)
{
    /// <summary>
    /// Claims one occurrence of a job. Exactly one instance's insert succeeds for a (job, due)
    /// pair, whatever the timing; the others get false and skip it.
    /// </summary>
    public async Task<bool> TryClaimAsync(string job, DateTimeOffset dueAt, string instance, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "insert into ops.job_runs (job, due_at, instance) values ($1, $2, $3) on conflict (job, due_at) do nothing");
        command.Parameters.Add(new NpgsqlParameter { Value = job });
        command.Parameters.Add(new NpgsqlParameter { Value = dueAt });
        command.Parameters.Add(new NpgsqlParameter { Value = instance });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task FinishAsync(string job, DateTimeOffset dueAt, bool succeeded, string detail, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand(
            "update ops.job_runs set finished_at = now(), outcome = $3, detail = $4 where job = $1 and due_at = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = job });
        command.Parameters.Add(new NpgsqlParameter { Value = dueAt });
        command.Parameters.Add(new NpgsqlParameter { Value = succeeded ? "succeeded" : "failed" });
        command.Parameters.Add(new NpgsqlParameter { Value = detail.Length <= 500 ? detail : detail[..500] });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
