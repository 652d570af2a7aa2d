namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>The annual rate, or why none could be found.</summary>
public sealed record XirrResult(decimal? Rate, string? Error)
{
    public bool Succeeded => Rate is not null;
}
