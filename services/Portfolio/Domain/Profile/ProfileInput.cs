namespace PortfolioTracker.Portfolio.Domain.Profile;

/// <summary>A profile update as the client sent it.</summary>
public sealed record ProfileInput(string? FirstName, string? LastName, string? Country, string? BaseCurrency);
