namespace PortfolioTracker.Db;

public enum MigrationState
{
    Applied,
    Pending,
    /// <summary>Applied, but the file has changed since.</summary>
    Changed,
    /// <summary>Recorded in the journal, but no such file in the migrations folder.</summary>
    Unknown,
}
