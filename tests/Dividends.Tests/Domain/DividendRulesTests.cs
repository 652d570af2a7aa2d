using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Dividends.Tests.Domain;

/// <summary>An edit's merge and the rules its result must satisfy, each problem named by its JSON field.</summary>
public sealed class DividendRulesTests
{
    private static readonly DateOnly Today = new(2024, 6, 1);

    private static readonly DividendValues Stored = new(Guid.NewGuid(), "AAPL", new(2024, 2, 9), new(2024, 2, 15), null, null,
        0.24m, "USD", 10, 2.40m, 0, null, "cash");

    private static (DividendValues? Values, List<FieldViolation> Errors) Merge(DividendInput input)
    {
        var errors = new List<FieldViolation>();
        return (DividendRules.Merge(Stored, input, Today, errors), errors);
    }

    [Fact]
    public void ChangingTheAmountRecomputesTheTotal() =>
        Assert.Equal(2.50m, Merge(new(Amount: "0.25")).Values!.TotalAmount);

    [Fact]
    public void ATotalWithinOneCentOfAmountTimesSharesIsKept() =>
        Assert.Equal(2.409m, Merge(new(TotalAmount: "2.409")).Values!.TotalAmount);

    [Theory]
    [InlineData("2024-02-08", null, null, null, null, "payDate")]
    [InlineData(null, "0", null, null, null, "amount")]
    [InlineData(null, "-1", null, null, null, "amount")]
    [InlineData(null, null, "0", null, null, "sharesHeldAtExDate")]
    [InlineData(null, null, null, "2.41", null, "totalAmount")]
    [InlineData(null, null, null, null, "XYZ", "currency")]
    public void ABadEditNamesItsField(string? payDate, string? amount, string? shares, string? total, string? currency, string field)
    {
        var (values, errors) = Merge(new(PayDate: payDate, Amount: amount, Shares: shares, TotalAmount: total, Currency: currency));

        Assert.Null(values);
        Assert.Equal([field], errors.Select(e => e.Field));
    }

    [Fact]
    public void WithholdingTaxAboveTheGrossIsRefused() =>
        Assert.Equal(["taxWithheld"], Merge(new(TaxWithheld: "2.41")).Errors.Select(e => e.Field));
}
