namespace PortfolioTracker.Db;

public sealed record MigrationStatus(int Version, string Name, MigrationState State, DateTimeOffset? AppliedAt)
{
    public string DisplayName => $"{Version:D3}_{Name}";
}
