namespace PortfolioTracker.Operations.Connection;

/// <summary>The suite cannot be reached as configured: no settings, unreadable secrets, refused login.</summary>
public sealed class ConnectionSettingsException(string message, Exception? innerException = null)
    : Exception(message, innerException);
