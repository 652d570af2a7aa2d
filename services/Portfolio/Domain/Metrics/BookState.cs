namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// A <see cref="Book"/> frozen after some day: what its positions, cash and account figures had
/// accumulated. Immutable, so one copy serves concurrent requests; <see cref="Book.Restore"/>
/// continues from it to the last digit as the original book would have.
/// </summary>
internal sealed record BookState(PositionState[] Positions, decimal Cash, decimal AccountFees, decimal Interest);

/// <summary>One <see cref="RunningPosition"/> frozen (its security comes from the market of the request that restores it).</summary>
internal readonly record struct PositionState(
    string Symbol,
    string TradeCurrency,
    decimal LastTradePrice,
    decimal Quantity,
    decimal Investment,
    decimal InvestmentInCurrency,
    decimal Fees,
    decimal Dividends,
    decimal RealizedGain)
{
    public static PositionState Of(RunningPosition position) => new(
        position.Symbol, position.TradeCurrency, position.LastTradePrice, position.Quantity, position.Investment,
        position.InvestmentInCurrency, position.Fees, position.Dividends, position.RealizedGain);

    public void CopyTo(RunningPosition position)
    {
        position.TradeCurrency = TradeCurrency;
        position.LastTradePrice = LastTradePrice;
        position.Quantity = Quantity;
        position.Investment = Investment;
        position.InvestmentInCurrency = InvestmentInCurrency;
        position.Fees = Fees;
        position.Dividends = Dividends;
        position.RealizedGain = RealizedGain;
    }
}
