using PortfolioTracker.Portfolio.Domain.Profile;
using PortfolioTracker.Portfolio.Domain.Watchlist;

namespace PortfolioTracker.Portfolio.Tests.Alerts;

public class InputValidationTests
{
    private static IReadOnlyList<string> Fields<T>(ValidationResult<T> result) where T : class =>
        result.Errors.Select(e => e.Field).ToList();

    // Profile

    [Fact]
    public void AValidProfileIsTrimmed()
    {
        var result = UserProfile.Validate(new ProfileInput(" Ada ", "Lovelace", " GB ", "GBP"));

        Assert.True(result.IsValid);
        Assert.Equal(new UserProfile("Ada", "Lovelace", "GB", "GBP"), result.Value);
    }

    [Fact]
    public void EveryBadProfileFieldIsNamedAtOnce()
    {
        var result = UserProfile.Validate(new ProfileInput("   ", new string('x', 101), "", "usd"));

        Assert.Equal(["firstName", "lastName", "country", "baseCurrency"], Fields(result));
    }

    [Theory]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("U5D")]
    [InlineData("")]
    public void ABaseCurrencyMustBeThreeUpperCaseLetters(string currency)
    {
        Assert.Equal(["baseCurrency"], Fields(UserProfile.Validate(new ProfileInput("Ada", "Lovelace", "GB", currency))));
    }

    [Fact]
    public void NamesOfExactlyOneHundredCharactersAreAccepted()
    {
        var hundred = new string('x', UserProfile.MaxLength);

        Assert.True(UserProfile.Validate(new ProfileInput(hundred, hundred, hundred, "EUR")).IsValid);
    }

    [Fact]
    public void TheDefaultProfileIsEmptyWithUsd()
    {
        Assert.Equal(new UserProfile("", "", "", "USD"), UserProfile.Default);
    }

    // Watchlist

    [Fact]
    public void AWatchlistEntryIsNormalisedAndItsTargetIsOptional()
    {
        var result = WatchlistEntry.Validate(new WatchlistInput(" brk.b ", "  ", ""));

        Assert.True(result.IsValid);
        Assert.Equal(new WatchlistEntry("BRK.B", null, null), result.Value);
    }

    [Fact]
    public void AWatchlistTargetKeepsItsExactDecimal()
    {
        var result = WatchlistEntry.Validate(new WatchlistInput("AAPL", "earnings soon", "199.995"));

        Assert.Equal(199.995m, result.Value!.TargetPrice);
        Assert.Equal("earnings soon", result.Value.Notes);
    }

    [Theory]
    [InlineData("", null, null, "symbol")]
    [InlineData("AA PL", null, null, "symbol")]
    [InlineData("ABCDEFGHIJKLMNOPQRSTU", null, null, "symbol")]
    [InlineData("AAPL", null, "0", "targetPrice")]
    [InlineData("AAPL", null, "-1", "targetPrice")]
    [InlineData("AAPL", null, "abc", "targetPrice")]
    [InlineData("AAPL", null, "1e3", "targetPrice")]
    public void ABadWatchlistFieldIsNamed(string symbol, string? notes, string? target, string field)
    {
        Assert.Equal([field], Fields(WatchlistEntry.Validate(new WatchlistInput(symbol, notes, target))));
    }

    [Fact]
    public void WatchlistNotesMayHoldAThousandCharactersButNoMore()
    {
        Assert.True(WatchlistEntry.Validate(new WatchlistInput("AAPL", new string('n', 1000), null)).IsValid);
        Assert.Equal(["notes"], Fields(WatchlistEntry.Validate(new WatchlistInput("AAPL", new string('n', 1001), null))));
    }

    // Alerts

    [Theory]
    [InlineData("above", AlertCondition.Above)]
    [InlineData("BELOW", AlertCondition.Below)]
    [InlineData(" Above ", AlertCondition.Above)]
    public void AlertConditionsAreAcceptedInAnyCase(string text, AlertCondition expected)
    {
        var result = NewAlert.Validate(new AlertInput("aapl", "150.5", text));

        Assert.True(result.IsValid);
        Assert.Equal(new NewAlert("AAPL", 150.5m, expected), result.Value);
    }

    [Fact]
    public void ConditionsAreStoredLowerCase()
    {
        Assert.Equal("above", AlertCondition.Above.ToStorage());
        Assert.Equal("below", AlertCondition.Below.ToStorage());
        Assert.Equal(AlertCondition.Below, AlertConditions.FromStorage("below"));
    }

    [Fact]
    public void AnAlertWithNothingValidNamesEveryField()
    {
        var result = NewAlert.Validate(new AlertInput("", "", "sideways"));

        Assert.Equal(["symbol", "targetPrice", "condition"], Fields(result));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    [InlineData("")]
    [InlineData("ten")]
    public void AnAlertNeedsAPositiveTarget(string target)
    {
        Assert.Equal(["targetPrice"], Fields(NewAlert.Validate(new AlertInput("AAPL", target, "above"))));
    }

    [Fact]
    public void AnAlertNeedsACondition()
    {
        Assert.Equal(["condition"], Fields(NewAlert.Validate(new AlertInput("AAPL", "1", " "))));
    }
}
