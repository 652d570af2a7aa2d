namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>The inputs cannot produce meaningful metrics; the message says why.</summary>
public class MetricsException(string message) : Exception(message);
