namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>One request as the server saw it.</summary>
public sealed record ReceivedRequest(string? Function, string? Symbol, string? ApiKey, string QueryString);
