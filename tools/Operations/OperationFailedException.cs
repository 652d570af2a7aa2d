namespace PortfolioTracker.Operations;

/// <summary>
/// An operation ran and refused or failed for a reason the operator must see (a tampered
/// backup, a role without BYPASSRLS, data that would be overwritten). The message is one
/// readable line, safe to print: no secrets, no row values.
/// </summary>
public sealed class OperationFailedException(string message, Exception? innerException = null)
    : Exception(message, innerException);
