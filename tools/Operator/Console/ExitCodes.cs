namespace PortfolioTracker.Operator.Console;

/// <summary>The exit codes every command keeps, so scripts can trust them.</summary>
public static class ExitCodes
{
    /// <summary>Done, nothing wrong.</summary>
    public const int Ok = 0;

    /// <summary>The command ran and found problems, or its operation failed or refused.</summary>
    public const int ProblemsFound = 1;

    /// <summary>Bad arguments, or the suite could not be reached (settings, connection, login).</summary>
    public const int UsageOrConnection = 2;
}
