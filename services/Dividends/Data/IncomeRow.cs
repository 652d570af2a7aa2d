namespace PortfolioTracker.Dividends.Data;

/// <summary>What an income report reads of a confirmed or edited row: its date is the pay date, else the ex-date.</summary>
public sealed record IncomeRow(string Symbol, DateOnly Date, string Currency, decimal AmountPerShare, decimal Gross, decimal Tax);
