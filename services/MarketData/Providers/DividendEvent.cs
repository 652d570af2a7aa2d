namespace PortfolioTracker.MarketData.Providers;

public sealed record DividendEvent(
    DateOnly ExDate,
    DateOnly? PayDate,
    DateOnly? RecordDate,
    DateOnly? DeclarationDate,
    decimal Amount);
