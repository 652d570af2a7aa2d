namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// Every daily bar is consistent: 0 &lt; low ≤ open, close ≤ high (what
/// <c>historical_prices_ohlc_logical_check</c> promises, re-checked on the stored rows).
/// </summary>
public sealed class OhlcRule : SqlRule
{
    public override string Name => "ohlc";

    protected override string Sql => """
        select format('historical_prices %s %s', symbol, date),
               format('open %s, high %s, low %s, close %s: needs 0 < low <= open, close <= high', open, high, low, close)
        from public.historical_prices
        where not (low > 0 and low <= high and open between low and high and close between low and high)
        order by symbol, date
        """;
}
