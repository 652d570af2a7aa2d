namespace PortfolioTracker.Database.Tests;

/// <summary>
/// One valid row per user-owned table, owned by the user id given as <c>$1</c>. The isolation
/// matrix takes its table list from the catalog, so a new user table without a sample row
/// here makes it fail: add the row together with the table. Each statement must insert
/// exactly one row into its table (and may create rows it depends on, owned by $1, first).
/// </summary>
public static class SampleRows
{
    public static readonly IReadOnlyDictionary<string, string> InsertOwnedBy = new Dictionary<string, string>
    {
        ["user_profiles"] =
            "insert into user_profiles (user_id, first_name, last_name, country, base_currency) values ($1, 'Ada', 'Lovelace', 'GB', 'GBP')",
        ["portfolios"] =
            "insert into portfolios (user_id, name) values ($1, 'Sample ' || gen_random_uuid())",
        ["transactions"] =
            """
            with p as (insert into portfolios (user_id, name) values ($1, 'For transactions ' || gen_random_uuid()) returning id)
            insert into transactions (user_id, portfolio_id, transaction_type, symbol, quantity, price, date, currency)
            select $1, p.id, 'BUY', 'AAPL', 10, 150.75, date '2024-01-15', 'USD' from p
            """,
        ["user_dividends"] =
            "insert into user_dividends (user_id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount) values ($1, 'IBM', date '2024-02-08', date '2024-03-09', 1.66, 'USD', 10, 16.60)",
    };
}
