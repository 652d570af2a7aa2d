namespace PortfolioTracker.Operations;

/// <summary>
/// What a long operation reports as it goes, for a progress bar or a log line.
/// </summary>
/// <param name="Step">What is being done now, in a few words.</param>
/// <param name="Fraction">How far the whole operation is, 0 to 1; null when unknown.</param>
public readonly record struct OperationProgress(string Step, double? Fraction = null);
