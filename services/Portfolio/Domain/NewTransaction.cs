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

/// <summary>A transaction that passed validation and is ready to store.</summary>
public sealed record NewTransaction(
    Guid? PortfolioId,
    TransactionType Type,
    string Symbol,
    decimal Quantity,
    decimal Price,
    DateOnly Date,
    string Currency,
    decimal Commission,
    string? Notes,
    decimal? ExchangeRate);
