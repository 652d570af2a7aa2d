namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>A transaction as the holding of one symbol in one portfolio sees it.</summary>
public sealed record LedgerLine(Guid Id, TransactionType Type, DateOnly Date, decimal Quantity, decimal Price, string Currency);

/// <summary>The holding a ledger adds up to: quantity and weighted average cost per share in the trade currency.</summary>
public sealed record Position(decimal Quantity, decimal? AveragePrice, string? Currency);

/// <summary>Why a ledger cannot stand; names the transaction that breaks it.</summary>
public sealed record LedgerProblem(Guid TransactionId, DateOnly Date, string Field, string Description);

/// <summary>
/// Replays one symbol's trades (average-cost method): a BUY adds its cost and shares; a
/// SELL removes shares at the current average, leaving the average unchanged; a SPLIT
/// multiplies the shares and divides the average (cost unchanged); reaching zero shares
/// closes the position, so a later buy starts a fresh average. Selling more than is held
/// on that date, or mixing trade currencies for one symbol, is a problem, not a result.
/// </summary>
public static class PositionReplay
{
    /// <param name="ledger">Ordered by date, <see cref="LedgerOrder.Rank"/>, then recording order.</param>
    public static (Position? Position, LedgerProblem? Problem) Replay(IEnumerable<LedgerLine> ledger)
    {
        decimal quantity = 0, cost = 0;
        string? currency = null;
        var traded = false;
        foreach (var line in ledger)
        {
            switch (line.Type)
            {
                case TransactionType.Buy:
                case TransactionType.Sell:
                    traded = true;
                    if (currency is not null && currency != line.Currency)
                    {
                        return (null, new LedgerProblem(line.Id, line.Date, "currency",
                            $"must be {currency}: this symbol is already traded in {currency} in this portfolio."));
                    }
                    currency = line.Currency;
                    if (line.Type == TransactionType.Buy)
                    {
                        quantity += line.Quantity;
                        cost += line.Quantity * line.Price;
                    }
                    else if (line.Quantity > quantity)
                    {
                        return (null, new LedgerProblem(line.Id, line.Date, "quantity",
                            $"sells {line.Quantity} but only {quantity} are held on {line.Date:yyyy-MM-dd}."));
                    }
                    else
                    {
                        cost -= quantity == 0 ? 0 : cost * line.Quantity / quantity;
                        quantity -= line.Quantity;
                        if (quantity == 0)
                        {
                            cost = 0;
                        }
                    }
                    break;
                case TransactionType.Split:
                    traded = true;
                    quantity *= line.Quantity;
                    break;
            }
        }
        if (!traded)
        {
            return (null, null);
        }
        // Ten decimal places: far below a cent on any position, and readable on the wire.
        return (new Position(quantity, quantity > 0 ? Math.Round(cost / quantity, 10) : null, currency), null);
    }
}
