namespace PortfolioTracker.MarketData.Domain;

/// <summary>
/// A dividend a company declared (one row of <c>dividend_events</c>): per share, in
/// <see cref="Currency"/>, owed on shares held at the close of the day before <see cref="ExDate"/>.
/// </summary>
public sealed record DeclaredDividend(
    string Symbol,
    DateOnly ExDate,
    DateOnly? PayDate,
    DateOnly? RecordDate,
    DateOnly? DeclarationDate,
    decimal Amount,
    string Currency,
    string DividendType,
    string Source);
