namespace PortfolioTracker.Portfolio.Domain.Holdings;

/// <summary>A transaction as the holding of one symbol in one portfolio sees it.</summary>
public sealed record LedgerLine(Guid Id, TransactionType Type, DateOnly Date, decimal Quantity, decimal Price, string Currency);
