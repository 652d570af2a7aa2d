namespace PortfolioTracker.Portfolio.Domain.Import;

/// <summary>One transaction read from an import file, with its 1-based row number (the header is row 0).</summary>
public sealed record ImportRow(int Row, TransactionInput Input);
