namespace PortfolioTracker.Portfolio.Domain;

/// <summary>What a client sent, as text, before validation.</summary>
public sealed record TransactionInput(
    string? PortfolioId,
    string? TransactionType,
    string? Symbol,
    string? Quantity,
    string? Price,
    string? Date,
    string? Currency,
    string? Commission,
    string? Notes,
    string? ExchangeRate);
