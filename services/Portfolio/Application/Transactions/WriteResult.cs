using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Holdings;

namespace PortfolioTracker.Portfolio.Application.Transactions;

/// <summary>The outcome of a write: the stored rows, or why it was refused (then nothing was stored).</summary>
public sealed record WriteResult(IReadOnlyList<TransactionRow> Rows, LedgerProblem? Problem, bool NotFound = false, string? BadPortfolio = null)
{
    public static WriteResult Missing { get; } = new([], null, NotFound: true);
}
