using PortfolioTracker.Operations.Scheduling;

namespace PortfolioTracker.Operator.Tests;

public sealed class JobSchedulerTests(MigratedCluster cluster) : IClassFixture<MigratedCluster>
{
    [Fact]
    public async Task Two_instances_run_each_due_occurrence_of_a_job_once()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var runs = new System.Collections.Concurrent.ConcurrentBag<string>();
        ScheduledJob Job(string instance) => new("every-minute", ScheduledJob.ParseCron("* * * * *"), async _ =>
        {
            runs.Add(instance);
            await Task.Delay(50);
            return $"ran on {instance}";
        });
        var start = new DateTimeOffset(2026, 1, 5, 10, 0, 30, TimeSpan.Zero);
        var first = new JobScheduler([Job("a")], new JobJournal(database), "a", start);
        var second = new JobScheduler([Job("b")], new JobJournal(database), "b", start);

        // Both instances tick at the same moments, past three due minutes (10:01, 10:02, 10:03).
        foreach (var tick in new[] { 40, 90, 150 }.Select(s => start.AddSeconds(s)))
        {
            await Task.WhenAll(first.TickAsync(tick, default), second.TickAsync(tick, default));
        }

        Assert.Equal(3, runs.Count);
        Assert.Equal(3L, await database.ScalarAsync<long>("select count(*) from ops.job_runs where job = 'every-minute' and outcome = 'succeeded'"));
        Assert.Equal(3L, await database.ScalarAsync<long>("select count(distinct due_at) from ops.job_runs"));
        Assert.Equal(
            [start.AddSeconds(30), start.AddSeconds(90), start.AddSeconds(150)],
            (await database.ScalarAsync<DateTime[]>("select array_agg(due_at order by due_at) from ops.job_runs")).Select(d => new DateTimeOffset(d, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_job_that_throws_is_recorded_as_failed_with_its_message_and_the_next_job_still_runs()
    {
        await using var database = await cluster.FreshDatabaseAsync();
        var start = new DateTimeOffset(2026, 1, 5, 10, 0, 30, TimeSpan.Zero);
        var ran = false;
        var scheduler = new JobScheduler(
        [
            new("broken", ScheduledJob.ParseCron("* * * * *"), _ => throw new InvalidOperationException("disk full")),
            new("fine", ScheduledJob.ParseCron("* * * * *"), _ => { ran = true; return Task.FromResult("done"); }),
        ], new JobJournal(database), "a", start);

        var outcomes = await scheduler.TickAsync(start.AddSeconds(40), default);

        Assert.True(ran);
        Assert.Equal([false, true], outcomes.Select(o => o.Succeeded));
        Assert.Equal("InvalidOperationException: disk full",
            await database.ScalarAsync<string>("select detail from ops.job_runs where job = 'broken' and outcome = 'failed'"));
    }

    [Fact]
    public void An_occurrence_missed_between_ticks_is_run_once_not_for_every_minute_missed()
    {
        var job = new ScheduledJob("j", ScheduledJob.ParseCron("*/5 * * * *"), _ => Task.FromResult(""));
        var from = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

        Assert.Equal(from.AddMinutes(20), job.LatestDue(from, from.AddMinutes(22)));
        Assert.Null(job.LatestDue(from, from.AddMinutes(4)));
    }
}
