using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Portfolio.Tests.Bounds;

/// <summary>The numeric bounds (NumericBounds) and the text rule as the transaction validator applies them.</summary>
public class TransactionBoundsTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static TransactionInput Input(
        string type = "BUY", string quantity = "10", string price = "150.75", string? commission = null,
        string? exchangeRate = null, string? notes = null) =>
        new(null, type, "AAPL", quantity, price, "2024-01-15", "USD", commission, notes, exchangeRate);

    private static IReadOnlyList<FieldViolation> Errors(TransactionInput input) => TransactionValidator.Validate(input, Today).Errors;

    [Theory]
    [InlineData("79228162514264337593543950335", "quantity")] // decimal.MaxValue: once a 500 on create
    [InlineData("1000000000000.0001", "quantity")]
    [InlineData("0.33333333333333333", "quantity")] // a 17th decimal place
    [InlineData("1000000000.01", "price")]
    public void AQuantityOrPriceBeyondItsBoundNamesTheField(string value, string field)
    {
        var input = field == "quantity" ? Input(quantity: value, price: "1") : Input(quantity: "1", price: value);

        var error = Assert.Single(Errors(input));

        Assert.Equal(field, error.Field);
    }

    [Fact]
    public void ValuesOnTheBoundsAreAccepted()
    {
        var result = TransactionValidator.Validate(Input(quantity: "1000000000000", price: "999.99", commission: "10000000000"), Today);

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(NumericBounds.MaxAmount, result.Value!.Quantity * result.Value.Price + result.Value.Commission);
    }

    [Fact]
    public void AQuantityTimesPriceBeyondTheAmountBoundIsRefusedThoughEachFactorFits()
    {
        var error = Assert.Single(Errors(Input(quantity: "1000000000000", price: "1000000000")));

        Assert.Equal("quantity", error.Field);
        Assert.Contains("price plus commission", error.Description);
    }

    [Fact]
    public void ACommissionBeyondTheAmountBoundNamesCommission() =>
        Assert.Equal("commission", Assert.Single(Errors(Input(commission: "1000000000000000.01"))).Field);

    [Fact]
    public void ASplitRatioAboveAMillionIsRefused() =>
        Assert.Equal("quantity", Assert.Single(Errors(Input(type: "SPLIT", quantity: "1000001", price: "0"))).Field);

    [Theory]
    [InlineData("0.0000000009")]
    [InlineData("1000000000.5")]
    public void AnExchangeRateOutsideItsBoundsNamesExchangeRate(string rate) =>
        Assert.Equal("exchangeRate", Assert.Single(Errors(Input(exchangeRate: rate))).Field);

    [Fact]
    public void SixteenDecimalPlacesOfAFractionalShareAreKept()
    {
        var result = TransactionValidator.Validate(Input(quantity: "0.3333333333333333"), Today);

        Assert.True(result.IsValid);
        Assert.Equal(0.3333333333333333m, result.Value!.Quantity);
    }

    [Theory]
    [InlineData("a\0b")]
    [InlineData("bell\u0007")]
    [InlineData("esc\u001b[31m")]
    [InlineData("del\u007f")]
    [InlineData("c1\u0085c1")]
    public void NotesWithAControlCharacterNameNotes(string notes)
    {
        var error = Assert.Single(Errors(Input(notes: notes)));

        Assert.Equal("notes", error.Field);
    }

    [Fact]
    public void NotesWithALoneSurrogateNameNotes()
    {
        // A fact, not theory data: test serialisation would repair the lone surrogate.
        var notes = "lone " + (char)0xD800 + " surrogate";

        Assert.Equal("notes", Assert.Single(Errors(Input(notes: notes))).Field);
    }

    [Fact]
    public void NotesMayKeepLineBreaksAndTabs()
    {
        var result = TransactionValidator.Validate(Input(notes: "line one\r\nline two\tindented"), Today);

        Assert.True(result.IsValid);
        Assert.Equal("line one\r\nline two\tindented", result.Value!.Notes);
    }
}
