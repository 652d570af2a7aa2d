using PortfolioTracker.Portfolio.Caching;

namespace PortfolioTracker.Portfolio.Tests.Caching;

public sealed class PendingStoresTests
{
    [Fact]
    public async Task AUsersWaitEndsWithItsOwnWritesAndIsNotHeldByAnotherUsers()
    {
        var stores = new PendingStores();
        var (mine, other) = (Guid.NewGuid(), Guid.NewGuid());
        var myWrite = new TaskCompletionSource();
        var otherWrite = new TaskCompletionSource();
        stores.Start(mine, _ => myWrite.Task);
        stores.Start(other, _ => otherWrite.Task);

        var waitMine = stores.ForUserAsync(mine);
        var waitAll = stores.AllAsync();
        await Task.Delay(50);
        var mineBefore = waitMine.IsCompleted;
        myWrite.SetResult();
        await waitMine.WaitAsync(TimeSpan.FromSeconds(5));
        var allWhileOtherRuns = waitAll.IsCompleted;
        otherWrite.SetResult();
        await waitAll.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.False(mineBefore);
        Assert.False(allWhileOtherRuns);
        Assert.True(stores.ForUserAsync(mine).IsCompleted);
    }

    [Fact]
    public async Task ADrainWaitsForRunningWritesAndCancelsOnlyWhatOutlivesItsLimit()
    {
        var stores = new PendingStores();
        var quick = new TaskCompletionSource();
        var written = false;
        stores.Start(Guid.NewGuid(), async _ =>
        {
            await quick.Task;
            written = true;
        });
        var drained = stores.DrainAsync(TimeSpan.FromSeconds(10));
        quick.SetResult();
        Assert.Equal(0, await drained);
        Assert.True(written);

        var cancelled = new TaskCompletionSource();
        stores.Start(Guid.NewGuid(), async abandon =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, abandon);
            }
            catch (OperationCanceledException)
            {
                cancelled.SetResult();
            }
        });
        Assert.Equal(1, await stores.DrainAsync(TimeSpan.FromMilliseconds(100)));
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
