namespace PortfolioTracker.Dividends.Data;

public sealed record DividendRow(
    Guid Id, string Symbol, DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency,
    decimal? SharesHeldAtExDate, decimal? TotalAmount, string Status);
