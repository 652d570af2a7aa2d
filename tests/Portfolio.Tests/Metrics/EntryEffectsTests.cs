namespace PortfolioTracker.Portfolio.Tests.Metrics;

public sealed class EntryEffectsTests
{
    [Fact]
    public void EachEffectKeepsItsAmountAndFlagAcrossWordsAndThroughACopyOfAPrefix()
    {
        var effects = new EntryEffects(200);
        for (var i = 0; i < 200; i++)
        {
            effects[i] = new EntryEffect(i + 0.5m, ToAccountFees: i % 3 == 0);
        }
        effects[64] = effects[64] with { ToAccountFees = false }; // cleared again

        var copy = new EntryEffects(201);
        copy.CopyFrom(effects, 130); // two whole words and two bits of the third

        Assert.All(Enumerable.Range(0, 200), i => Assert.Equal(new EntryEffect(i + 0.5m, i % 3 == 0 && i != 64), effects[i]));
        Assert.All(Enumerable.Range(0, 130), i => Assert.Equal(effects[i], copy[i]));
        Assert.All(Enumerable.Range(130, 71), i => Assert.Equal(default, copy[i]));
    }
}
