namespace PortfolioTracker.Dividends.Domain;

/// <summary>A dividend's values as the user decides them (an edit's result or a manual entry).</summary>
public sealed record DividendValues(
    Guid? PortfolioId, string Symbol, DateOnly ExDate, DateOnly? PayDate, DateOnly? RecordDate, DateOnly? DeclarationDate,
    decimal Amount, string Currency, decimal Shares, decimal TotalAmount, decimal TaxWithheld, string? Notes, string DividendType);

/// <summary>The request's text for each field; null where the request left it out.</summary>
public sealed record DividendInput(
    string? Amount = null, string? Shares = null, string? TotalAmount = null, string? TaxWithheld = null,
    string? ExDate = null, string? PayDate = null, string? Notes = null, string? Currency = null);
