namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>The groups of routes that share one budget per caller (see <see cref="RouteGroups"/>).</summary>
public enum RouteGroup
{
    /// <summary>Health probes: never limited, so load balancers and the AppHost keep seeing the gateway.</summary>
    None,

    /// <summary>Login, refresh and logout: anonymous, so per IP.</summary>
    Auth,

    /// <summary>Sign-up: each one costs an Argon2id run and tells whether an email is taken, so per IP and tight.</summary>
    SignUp,

    Reads,
    Writes,

    /// <summary>Bulk work: imports, ingestion, dividend sync, account export.</summary>
    Imports,

    /// <summary>Opening a price or alert stream (how many may stay open is a separate cap).</summary>
    Streams,
}
