namespace PortfolioTracker.Portfolio.Data;

public sealed record PortfolioRow(Guid Id, string Name, string? Description, bool IsDefault, DateTime CreatedAt);
