namespace PortfolioTracker.Portfolio.Tests;

public class TransactionValidatorTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static TransactionInput Buy(
        string? type = "BUY", string? symbol = "AAPL", string? quantity = "10", string? price = "150.75",
        string? date = "2024-01-15", string? currency = "USD", string? commission = null,
        string? exchangeRate = null, string? portfolioId = null, string? notes = null) =>
        new(portfolioId, type, symbol, quantity, price, date, currency, commission, notes, exchangeRate);

    private static IReadOnlyList<string> InvalidFields(TransactionInput input) =>
        TransactionValidator.Validate(input, Today).Errors.Select(e => e.Field).ToList();

    [Fact]
    public void AValidBuyKeepsExactDecimalsAndNormalisesTheSymbol()
    {
        var result = TransactionValidator.Validate(Buy(symbol: " aapl ", quantity: "0.1", price: "150.75", commission: "0.99"), Today);

        Assert.True(result.IsValid);
        var transaction = result.Value!;
        Assert.Equal(TransactionType.Buy, transaction.Type);
        Assert.Equal("AAPL", transaction.Symbol);
        Assert.Equal(0.1m, transaction.Quantity);
        Assert.Equal(150.75m, transaction.Price);
        Assert.Equal(0.99m, transaction.Commission);
        Assert.Equal(new DateOnly(2024, 1, 15), transaction.Date);
        Assert.Null(transaction.PortfolioId);
    }

    [Theory]
    [InlineData("buy", TransactionType.Buy)]
    [InlineData("Sell", TransactionType.Sell)]
    [InlineData("DIVIDEND", TransactionType.Dividend)]
    public void TransactionTypesAreAcceptedInAnyCase(string text, TransactionType expected)
    {
        var result = TransactionValidator.Validate(Buy(type: text), Today);

        Assert.True(result.IsValid);
        Assert.Equal(expected, result.Value!.Type);
    }

    [Theory]
    [InlineData("TRANSFER")]
    [InlineData("3")]
    [InlineData("")]
    [InlineData(null)]
    public void AnUnknownOrMissingTypeNamesTransactionType(string? type) =>
        Assert.Equal(["transactionType"], InvalidFields(Buy(type: type)));

    [Theory]
    [InlineData("-1")]
    [InlineData("0")]
    public void ATradeNeedsAPositiveQuantity(string quantity) =>
        Assert.Equal(["quantity"], InvalidFields(Buy(quantity: quantity)));

    [Theory]
    [InlineData("-0.01")]
    [InlineData("0")]
    public void ATradeNeedsAPositivePrice(string price) =>
        Assert.Equal(["price"], InvalidFields(Buy(price: price)));

    [Theory]
    [InlineData("1e3")]
    [InlineData("1,000")]
    [InlineData("ten")]
    public void DecimalsMustBePlainDecimalStrings(string quantity) =>
        Assert.Equal(["quantity"], InvalidFields(Buy(quantity: quantity)));

    [Fact]
    public void TomorrowIsRejectedAndTodayAccepted()
    {
        Assert.Equal(["date"], InvalidFields(Buy(date: "2026-11-26")));
        Assert.True(TransactionValidator.Validate(Buy(date: "2026-11-25"), Today).IsValid);
    }

    [Theory]
    [InlineData("15/01/2024")]
    [InlineData("2024-02-30")]
    [InlineData("")]
    public void DatesMustBeRealAndWrittenIso(string date) =>
        Assert.Equal(["date"], InvalidFields(Buy(date: date)));

    [Theory]
    [InlineData("usd")]
    [InlineData("US")]
    [InlineData("USDX")]
    [InlineData("")]
    public void CurrenciesMustBeIsoCodesInUpperCase(string currency) =>
        Assert.Equal(["currency"], InvalidFields(Buy(currency: currency)));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void ATradeNeedsASymbol(string? symbol) =>
        Assert.Equal(["symbol"], InvalidFields(Buy(symbol: symbol)));

    [Fact]
    public void ADepositWithoutSymbolIsBookedOnItsCurrency()
    {
        var result = TransactionValidator.Validate(Buy(type: "DEPOSIT", symbol: null, quantity: "1000", price: "1", currency: "EUR"), Today);

        Assert.True(result.IsValid);
        Assert.Equal("EUR", result.Value!.Symbol);
    }

    [Fact]
    public void ADepositMayBeZeroButNotNegative()
    {
        Assert.True(TransactionValidator.Validate(Buy(type: "DEPOSIT", quantity: "0", price: "1"), Today).IsValid);
        Assert.Equal(["quantity"], InvalidFields(Buy(type: "WITHDRAWAL", quantity: "-5", price: "1")));
    }

    [Fact]
    public void ASplitCarriesItsRatioAndNoPrice()
    {
        var result = TransactionValidator.Validate(Buy(type: "SPLIT", quantity: "4", price: null), Today);

        Assert.True(result.IsValid);
        Assert.Equal(4m, result.Value!.Quantity);
        Assert.Equal(0m, result.Value.Price);
        Assert.Equal(["price"], InvalidFields(Buy(type: "SPLIT", quantity: "4", price: "10")));
    }

    [Fact]
    public void NegativeCommissionAndNonPositiveExchangeRateAreRefused() =>
        Assert.Equal(["commission", "exchangeRate"], InvalidFields(Buy(commission: "-1", exchangeRate: "0")));

    [Fact]
    public void EveryBadFieldIsReportedAtOnce() =>
        Assert.Equal(
            ["portfolioId", "currency", "symbol", "quantity", "price", "date"],
            InvalidFields(Buy(portfolioId: "nope", symbol: "", quantity: "-1", price: "x", date: "2999-01-01", currency: "usd")));

    [Fact]
    public void OverlongNotesAreRefused() =>
        Assert.Equal(["notes"], InvalidFields(Buy(notes: new string('n', TransactionValidator.MaxNotesLength + 1))));
}
