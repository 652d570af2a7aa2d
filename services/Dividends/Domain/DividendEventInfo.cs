namespace PortfolioTracker.Dividends.Domain;

/// <summary>A dividend a company declared (market data), as entitlement and projection read it.</summary>
public sealed record DividendEventInfo(
    string Symbol, DateOnly ExDate, DateOnly? PayDate, DateOnly? RecordDate, DateOnly? DeclarationDate,
    decimal Amount, string Currency, string DividendType, string Source);
