namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>
/// Replays one symbol's trades (average-cost method): a BUY adds its cost and shares; a
/// SELL removes shares at the current average, leaving the average unchanged; a SPLIT
/// multiplies the shares and divides the average (cost unchanged); reaching zero shares
/// closes the position, so a later buy starts a fresh average (<see cref="SaleRule"/>: so does a sale
/// exceeding the holding by rounding dust only). Selling more than is held
/// on that date, or mixing trade currencies for one symbol, is a problem, not a result.
/// <para>
/// The metrics engine's <see cref="Metrics.Book"/> applies the same average-cost rule (in the
/// base currency, with fees, dividends and FX besides): a sale removes cost pro rata so the
/// average is unchanged, a full close (<see cref="SaleRule.Closes"/>) starts a fresh average, a split multiplies the shares
/// and keeps the cost, one day's rows apply in <see cref="LedgerOrder"/>. A fix to that rule
/// belongs in both.
/// </para>
/// </summary>
public static class PositionReplay
{
    /// <param name="ledger">Ordered by date, <see cref="LedgerOrder.Rank"/>, then recording order.</param>
    public static (ReplayedHolding? Holding, LedgerProblem? Problem) Replay(IEnumerable<LedgerLine> ledger)
    {
        LedgerLine? current = null;
        try
        {
            return ReplayChecked(ledger, line => current = line);
        }
        catch (OverflowException) when (current is not null)
        {
            // Within the bounds only a chain of huge splits gets here; name the row, never a 500.
            return (null, new LedgerProblem(current.Id, current.Date, "quantity",
                "makes this holding too large to compute; correct the quantity or the split ratio."));
        }
    }

    private static (ReplayedHolding? Holding, LedgerProblem? Problem) ReplayChecked(IEnumerable<LedgerLine> ledger, Action<LedgerLine> reached)
    {
        decimal quantity = 0, cost = 0;
        string? currency = null;
        var traded = false;
        foreach (var line in ledger)
        {
            reached(line);
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
                    else if (SaleRule.Closes(line.Quantity, quantity))
                    {
                        // All of it, or more by no more than rounding dust: the position closes exactly.
                        quantity = 0;
                        cost = 0;
                    }
                    else if (line.Quantity > quantity)
                    {
                        return (null, new LedgerProblem(line.Id, line.Date, "quantity",
                            $"sells {line.Quantity} but only {quantity} are held on {line.Date:yyyy-MM-dd}."));
                    }
                    else
                    {
                        cost -= cost * line.Quantity / quantity;
                        quantity -= line.Quantity;
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
        return (new ReplayedHolding(quantity, quantity > 0 ? Math.Round(cost / quantity, 10) : null, currency), null);
    }
}
