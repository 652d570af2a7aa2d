using PortfolioTracker.Portfolio.Alerts;

namespace PortfolioTracker.Portfolio.Tests.Alerts;

public class FiredAlertTests
{
    [Fact]
    public void AFiredAlertSurvivesTheTripThroughItsJsonUnchanged()
    {
        var fired = new FiredAlert(Guid.NewGuid(), new PriceAlert(
            Guid.NewGuid(), "AAPL", 150.10m, AlertCondition.Below, false,
            new DateTime(2026, 3, 1, 9, 30, 0, DateTimeKind.Utc),
            new DateTime(2026, 3, 2, 21, 0, 5, DateTimeKind.Utc).AddTicks(1234),
            149.995m));

        Assert.True(AlertChannels.Fired.TryParse(AlertChannels.Fired.Serialize(fired), out var back));

        Assert.Equal(fired, back);
        Assert.Equal("149.995", back.Alert.TriggeredPrice!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Contains("\"Below\"", AlertChannels.Fired.Serialize(fired), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("{")]
    [InlineData("""{"UserId":"00000000-0000-0000-0000-000000000000","Alert":null}""")]
    [InlineData("""{"Alert":{"Id":"5f0c6c8e-7c61-4f2b-9d7e-0c1d2e3f4a5b"}}""")]
    public void MalformedMessagesAreRefused(string message)
    {
        Assert.False(AlertChannels.Fired.TryParse(message, out _));
    }
}
