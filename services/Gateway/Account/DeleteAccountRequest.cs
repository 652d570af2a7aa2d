namespace PortfolioTracker.Gateway.Account;

/// <summary>The body of <c>DELETE /v1/account</c>: the current password, as a second proof of intent.</summary>
public sealed record DeleteAccountRequest(string? Password);
