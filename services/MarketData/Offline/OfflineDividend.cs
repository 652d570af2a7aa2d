namespace PortfolioTracker.MarketData.Offline;

/// <summary>
/// One line of <c>dividends.csv</c>: <c>symbol,ex_date,pay_date,amount,currency</c>, optionally
/// <c>record_date,declaration_date,dividend_type</c> (cash when absent).
/// </summary>
public sealed record OfflineDividend(
    DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency,
    DateOnly? RecordDate = null, DateOnly? DeclarationDate = null, string DividendType = DividendTypes.Cash)
{
    public DeclaredDividend ToDeclared(string symbol) =>
        new(symbol, ExDate, PayDate, RecordDate, DeclarationDate, Amount, Currency, DividendType, DividendSources.Dataset);
}
