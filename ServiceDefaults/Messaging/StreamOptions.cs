using System.ComponentModel.DataAnnotations;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>Bounds on the server streams of one service replica (section <c>Streams</c>).</summary>
public sealed class StreamOptions
{
    public const string Section = "Streams";

    /// <summary>Streams one caller (a user, or the service role) may hold open at once on this replica, across all of its stream RPCs.</summary>
    [Range(1, 1000)]
    public int MaxPerUser { get; set; } = 5;

    /// <summary>
    /// A stream with nothing to deliver for this long completes normally and the client opens a
    /// new one; the gateway's stream idle limit is longer, so the service ends it cleanly first.
    /// </summary>
    [TimeSpanRange("00:00:01", "01:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromMinutes(5);
}
