namespace PortfolioTracker.Operations.Scheduling;

/// <summary>What one tick did with one job.</summary>
public sealed record JobOutcome(string Job, DateTimeOffset DueAt, bool Claimed, bool Succeeded, string Detail);

/// <summary>
/// Runs the jobs that fell due since the previous tick, each occurrence at most once across
/// every instance (<see cref="JobJournal.TryClaimAsync"/>). A failed job is recorded as failed
/// with its error's message and does not stop the others.
/// </summary>
public sealed class JobScheduler(IReadOnlyList<ScheduledJob> jobs, JobJournal journal, string instance, DateTimeOffset startedAt)
{
    private DateTimeOffset _lastTick = startedAt;

    public IReadOnlyList<ScheduledJob> Jobs => jobs;

    public async Task<IReadOnlyList<JobOutcome>> TickAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var outcomes = new List<JobOutcome>();
        var since = _lastTick;
        _lastTick = now;
        foreach (var job in jobs)
        {
            if (job.LatestDue(since, now) is not { } due)
            {
                continue;
            }
            if (!await journal.TryClaimAsync(job.Name, due, instance, cancellationToken))
            {
                outcomes.Add(new JobOutcome(job.Name, due, Claimed: false, Succeeded: false, "run by another instance"));
                continue;
            }
            bool succeeded;
            string detail;
            try
            {
                detail = await job.Run(cancellationToken);
                succeeded = true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                // The message only (no stack): it goes to the journal and the health report.
                detail = $"{e.GetType().Name}: {e.Message}";
                succeeded = false;
            }
            await journal.FinishAsync(job.Name, due, succeeded, detail, CancellationToken.None);
            outcomes.Add(new JobOutcome(job.Name, due, Claimed: true, succeeded, detail));
        }
        return outcomes;
    }
}
