namespace PortfolioTracker.Portfolio.Data;

/// <summary>
/// The one SQL spelling of the ledger's processing order (<c>Domain.Holdings.LedgerOrder</c>):
/// by date; on one day a split, then buys, then everything else, then sells; then as recorded.
/// Holdings and metrics both replay transactions in it, so they must read them in it.
/// Index <c>idx_transactions_user_processing_order</c> (migration 020) repeats the expression
/// so a large ledger is read in this order without a sort; change both together.
/// </summary>
public static class LedgerSql
{
    public const string ProcessingOrder =
        "date, case transaction_type when 'SPLIT' then 0 when 'BUY' then 1 when 'SELL' then 3 else 2 end, created_at, id";
}
