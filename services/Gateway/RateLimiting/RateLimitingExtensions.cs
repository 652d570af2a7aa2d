using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using PortfolioTracker.Gateway.RateLimiting.Data;
using PortfolioTracker.ServiceDefaults.Cache;

namespace PortfolioTracker.Gateway.RateLimiting;

/// <summary>
/// Budgets per caller and route group in front of everything the gateway answers (its own auth
/// routes and the proxied services, JSON and native gRPC alike), and the failed-login lockout.
/// </summary>
public static class RateLimitingExtensions
{
    public static IHostApplicationBuilder AddGatewayRateLimiting(this IHostApplicationBuilder builder)
    {
        builder.AddRedis();
        builder.Services.AddOptions<RateLimitOptions>()
            .BindConfiguration(RateLimitOptions.Section)
            .Validate(options => options.IsValid(),
                "RateLimits: every PermitLimit and LoginLockout:MaxAttempts (at most 1000) must be positive, every Window and LoginLockout:Duration at least one second.")
            .ValidateOnStart();
        builder.Services.AddSingleton<SharedLimitStore>();
        builder.Services.AddSingleton<CallerIdentity>();
        builder.Services.AddSingleton<LoginAttemptStore>();
        builder.Services.AddSingleton<LoginLockout>();

        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>()
            .Configure<SharedLimitStore, IOptions<RateLimitOptions>>((options, store, limits) =>
            {
                options.GlobalLimiter = CreateLimiter(store, limits.Value);
                // Not the framework's 503: the service is fine, the caller is over budget.
                options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                options.OnRejected = OnRejectedAsync;
            });
        return builder;
    }

    /// <summary>Before the auth routes and the proxy, so an over-budget request costs neither a hash nor a backend call.</summary>
    public static WebApplication UseGatewayRateLimiting(this WebApplication app)
    {
        var identity = app.Services.GetRequiredService<CallerIdentity>();
        app.Use(async (context, next) =>
        {
            var group = RouteGroups.Classify(context.Request);
            var caller = group == RouteGroup.None ? "" : await identity.ResolveAsync(context);
            context.Features.Set(new RateLimitedRequest(group, caller));
            await next(context);
        });
        app.UseRateLimiter();
        return app;
    }

    private static PartitionedRateLimiter<HttpContext> CreateLimiter(SharedLimitStore store, RateLimitOptions limits) =>
        PartitionedRateLimiter.Create<HttpContext, string>(context =>
        {
            var request = context.Features.Get<RateLimitedRequest>()
                ?? throw new InvalidOperationException("UseGatewayRateLimiting must run before the rate limiter.");
            if (request.Group == RouteGroup.None)
            {
                return RateLimitPartition.GetNoLimiter("");
            }
            var limit = limits.For(request.Group);
            return RateLimitPartition.Get(request.PartitionKey, key => new SharedOrLocalRateLimiter(key, limit, store));
        });

    private static ValueTask OnRejectedAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var group = context.Features.Get<RateLimitedRequest>()!.Group;
        var retryAfter = RetryAfter(rejected.Lease)
            ?? context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value.For(group).Window;
        return new ValueTask(RateLimitRejection.WriteAsync(context, retryAfter, "Too many requests; retry after the time in Retry-After."));
    }

    // The in-memory limiter reports a TimeSpan, the Redis one whole seconds, under the same name.
    private static TimeSpan? RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter.Name, out var value)
            ? value switch
            {
                TimeSpan span => span,
                int seconds => TimeSpan.FromSeconds(seconds),
                long seconds => TimeSpan.FromSeconds(seconds),
                _ => null,
            }
            : null;
}
