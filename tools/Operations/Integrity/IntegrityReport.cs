namespace PortfolioTracker.Operations.Integrity;

/// <summary>What <see cref="IntegrityCheck"/> found: the checks that ran and every problem, in check order.</summary>
public sealed record IntegrityReport(IReadOnlyList<string> Checks, IReadOnlyList<IntegrityProblem> Problems)
{
    public bool Healthy => Problems.Count == 0;
}
