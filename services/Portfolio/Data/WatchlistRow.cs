namespace PortfolioTracker.Portfolio.Data;

/// <summary>A row of <c>watchlist</c> as the service reads it.</summary>
public sealed record WatchlistRow(Guid Id, string Symbol, string? Notes, decimal? TargetPrice, DateTime CreatedAt);
