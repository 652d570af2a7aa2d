namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>Why a ledger cannot stand; names the transaction that breaks it.</summary>
public sealed record LedgerProblem(Guid TransactionId, DateOnly Date, string Field, string Description);
