using PortfolioTracker.Portfolio.Domain.Profile;
using PortfolioTracker.Portfolio.Domain.Watchlist;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>The shared text rule: names are one line of printable text; notes may also break lines.</summary>
public class TextFieldTests
{
    [Theory]
    [InlineData("Ada\0")]
    [InlineData("Ada\nLovelace")]
    [InlineData("Ada\tLovelace")]
    [InlineData("Ada\u2028Lovelace")]
    public void ANameWithAControlCharacterOrLineBreakIsRefused(string name)
    {
        var errors = new List<FieldViolation>();

        var value = RequestFields.RequiredText(name, "name", 100, errors);

        Assert.Null(value);
        Assert.Equal("name", Assert.Single(errors).Field);
        Assert.Contains("control characters", errors[0].Description);
    }

    [Fact]
    public void AProfileWithANulInItsNameNamesFirstName()
    {
        var result = UserProfile.Validate(new ProfileInput("Ada\0", "Lovelace", "GB", "GBP"));

        Assert.Equal("firstName", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void WatchlistNotesWithANulAreRefusedButMayBreakLines()
    {
        var refused = WatchlistEntry.Validate(new WatchlistInput("AAPL", "buy\0", null));
        var accepted = WatchlistEntry.Validate(new WatchlistInput("AAPL", "buy below 150\nsell above 200", null));

        Assert.Equal("notes", Assert.Single(refused.Errors).Field);
        Assert.True(accepted.IsValid);
    }

    [Fact]
    public void ATargetPriceAboveTheBoundNamesTargetPrice()
    {
        var result = WatchlistEntry.Validate(new WatchlistInput("AAPL", null, "1000000000.01"));

        Assert.Equal("targetPrice", Assert.Single(result.Errors).Field);
    }

    [Fact]
    public void EmojiAndAccentedLettersAreOrdinaryText()
    {
        var errors = new List<FieldViolation>();

        var value = RequestFields.RequiredText("Zoë's 📈 portfolio", "name", 100, errors);

        Assert.Empty(errors);
        Assert.Equal("Zoë's 📈 portfolio", value);
    }
}
