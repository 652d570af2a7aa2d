namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// A request's route group and whose budget it spends, worked out (token verified) before the
/// rate limiter runs, whose partitioning cannot wait on anything.
/// </summary>
public sealed record RateLimitedRequest(RouteGroup Group, string Caller)
{
    public string PartitionKey => $"gateway:{Group}:{Caller}".ToLowerInvariant();
}
