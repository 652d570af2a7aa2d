namespace PortfolioTracker.Operations.Integrity;

/// <summary>
/// A dividend's total is its amount per share times the shares held at the ex-date, within
/// 0.01 (the tolerance of <c>user_dividends_total_calculation_check</c>, which this re-checks
/// in case rows got in while the constraint was dropped or not validated).
/// </summary>
public sealed class DividendTotalsRule : SqlRule
{
    public override string Name => "dividend-totals";

    protected override string Sql => """
        select 'user_dividends ' || id,
               format('total_amount %s differs from amount %s × shares_held_at_ex_date %s = %s by 0.01 or more',
                      total_amount, amount, shares_held_at_ex_date, amount * shares_held_at_ex_date)
        from public.user_dividends
        where total_amount is not null and shares_held_at_ex_date is not null
          and abs(total_amount - amount * shares_held_at_ex_date) >= 0.01
        order by id
        """;
}
