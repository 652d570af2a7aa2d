namespace PortfolioTracker.Portfolio.Data;

/// <summary>A position's current shares and average cost, beside its history.</summary>
public sealed record PositionNowRow(Guid PortfolioId, string Symbol, decimal Quantity, decimal? AveragePrice, string? Currency);

/// <summary>The part of a <c>user_dividends</c> row that its ledger link needs.</summary>
public sealed record LinkedDividendRow(
    Guid Id, Guid? PortfolioId, string Symbol, DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency,
    decimal? Shares, decimal TaxWithheld, string? Notes, Guid? TransactionId, string Status);
