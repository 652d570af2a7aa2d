namespace PortfolioTracker.Portfolio.Tests;

/// <summary>INTEREST is validated like a DIVIDEND's amount (above 0), TAX like a FEE; both default their symbol to the currency.</summary>
public class InterestAndTaxValidationTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static ValidationResult<NewTransaction> Validate(string type, string? symbol, string quantity, string price) =>
        TransactionValidator.Validate(new TransactionInput(null, type, symbol, quantity, price, "2024-01-31", "EUR", null, null, null), Today);

    [Theory]
    [InlineData("INTEREST", TransactionType.Interest)]
    [InlineData("interest", TransactionType.Interest)]
    [InlineData("Tax", TransactionType.Tax)]
    public void InterestAndTaxAreTypesWhoseSymbolDefaultsToTheCurrency(string text, TransactionType expected)
    {
        var result = Validate(text, symbol: null, "1", "12.5");

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Value!.Type);
        Assert.Equal("EUR", result.Value.Symbol);
    }

    [Theory]
    [InlineData("0", "12.5", "quantity")]
    [InlineData("1", "0", "price")]
    public void InterestOfNothingIsRefusedNamingTheField(string quantity, string price, string field)
    {
        var result = Validate("INTEREST", "EUR", quantity, price);

        Assert.Equal([field], result.Errors.Select(e => e.Field));
    }

    [Fact]
    public void ATaxOfZeroIsAllowedLikeAFeeButANegativeOneIsNot()
    {
        Assert.True(Validate("TAX", "EUR", "1", "0").IsValid);
        Assert.Equal(["price"], Validate("TAX", "EUR", "1", "-3").Errors.Select(e => e.Field));
    }

    [Fact]
    public void AnUnknownTypeNamesEveryTypeIncludingInterestAndTax()
    {
        var error = Assert.Single(Validate("COUPON", "EUR", "1", "1").Errors);

        Assert.Equal("transactionType", error.Field);
        Assert.Equal("must be one of BUY, SELL, DEPOSIT, WITHDRAWAL, DIVIDEND, SPLIT, FEE, INTEREST, TAX.", error.Description);
    }
}
