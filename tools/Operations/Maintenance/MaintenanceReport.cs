using PortfolioTracker.Operations.Health;
using PortfolioTracker.Operations.Integrity;

namespace PortfolioTracker.Operations.Maintenance;

/// <summary>One thing maintenance did, with its count where it has one (rows deleted, archived).</summary>
public sealed record MaintenanceStep(string Name, string Detail, long? Rows = null);

/// <summary>What a maintenance pass did and found; <see cref="Integrity"/> only on the monthly pass.</summary>
public sealed record MaintenanceReport(
    MaintenanceCadence Cadence,
    IReadOnlyList<MaintenanceStep> Steps,
    IReadOnlyList<IndexFigure> UnusedIndexes,
    IReadOnlyList<IndexFigure> BloatedIndexes,
    IntegrityReport? Integrity)
{
    /// <summary>Problems worth an operator's look: integrity problems (indexes are reported, not problems).</summary>
    public bool HasProblems => Integrity is { Healthy: false };

    /// <summary>One line for a job journal or a log.</summary>
    public string Summary =>
        string.Join("; ", Steps.Select(s => s.Rows is { } rows ? $"{s.Name}: {rows}" : s.Name))
        + (Integrity is { } integrity ? $"; integrity: {integrity.Problems.Count} problem(s)" : "");
}
