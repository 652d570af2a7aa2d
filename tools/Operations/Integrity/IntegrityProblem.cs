namespace PortfolioTracker.Operations.Integrity;

/// <summary>One thing found wrong: which check found it, what it concerns, and what is wrong.</summary>
/// <param name="Check">The check's name, e.g. <c>holdings</c>.</param>
/// <param name="Subject">The table, row or role concerned, by id only (never personal data).</param>
/// <param name="Detail">What is wrong, with the measured values.</param>
public sealed record IntegrityProblem(string Check, string Subject, string Detail);
