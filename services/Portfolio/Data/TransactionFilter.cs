namespace PortfolioTracker.Portfolio.Data;

public sealed record TransactionFilter(Guid? PortfolioId, string? Symbol, TransactionCursor? After, int PageSize);
