namespace PortfolioTracker.Db;

/// <summary>A failure the migrator reports as one line, without a stack trace.</summary>
public sealed class MigrationException(string message, Exception? innerException = null)
    : Exception(message, innerException);
