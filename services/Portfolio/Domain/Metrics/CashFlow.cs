namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>A dated amount seen from the investor: money put in is negative, money taken out (or still held at the end) positive.</summary>
public readonly record struct CashFlow(DateOnly Date, decimal Amount);
