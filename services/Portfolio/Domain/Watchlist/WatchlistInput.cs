namespace PortfolioTracker.Portfolio.Domain.Watchlist;

/// <summary>A watchlist addition as the client sent it.</summary>
public sealed record WatchlistInput(string? Symbol, string? Notes, string? TargetPrice);
