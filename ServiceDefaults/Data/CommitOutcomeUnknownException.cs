namespace PortfolioTracker.ServiceDefaults.Data;

/// <summary>
/// The connection failed while the commit was on its way: the transaction may or may not have
/// been applied, so it must not be run again blindly. The caller is told to retry later.
/// </summary>
public sealed class CommitOutcomeUnknownException(Exception inner)
    : Exception("The database connection failed during commit; the outcome is unknown.", inner);
