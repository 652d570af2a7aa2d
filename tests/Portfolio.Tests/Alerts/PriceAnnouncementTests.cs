using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Tests.Alerts;

/// <summary>The closes MarketData announces are read by the one parser of their topic.</summary>
public class PriceAnnouncementTests
{
    [Fact]
    public void TheMessageMarketDataPublishesIsReadWithAnExactDecimalClose()
    {
        const string message = """{"Symbol":"AAPL","Date":"2024-01-02","Close":185.64,"Currency":"USD"}""";

        Assert.True(PriceAnnouncement.Topic.TryParse(message, out var close));

        Assert.Equal(new PriceAnnouncement("AAPL", new DateOnly(2024, 1, 2), 185.64m, "USD"), close);
    }

    [Fact]
    public void PropertyNamesAreReadInAnyCaseAndTheSymbolIsNormalised()
    {
        Assert.True(PriceAnnouncement.Topic.TryParse("""{"symbol":" brk.b ","date":"2024-01-02","close":0.000001,"currency":"USD"}""", out var close));

        Assert.Equal("BRK.B", close.Symbol);
        Assert.Equal(0.000001m, close.Close);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"Symbol":"AAPL","Date":"2024-01-02","Close":"abc"}""")]
    [InlineData("""{"Symbol":"AAPL","Date":"02/01/2024","Close":1}""")]
    [InlineData("""{"Symbol":"","Date":"2024-01-02","Close":1}""")]
    [InlineData("""{"Symbol":"AAPL","Date":"2024-01-02","Close":0}""")]
    [InlineData("""{"Symbol":"AAPL","Date":"2024-01-02","Close":-5}""")]
    [InlineData("null")]
    public void MalformedMessagesAreRefusedWithoutThrowing(string message)
    {
        Assert.False(PriceAnnouncement.Topic.TryParse(message, out var close));
        Assert.Null(close);
    }
}
