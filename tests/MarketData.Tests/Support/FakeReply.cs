namespace PortfolioTracker.MarketData.Tests.Support;

/// <summary>What the fake Alpha Vantage does with one request.</summary>
public abstract record FakeReply
{
    /// <summary>HTTP 200 with a fixture file's bytes.</summary>
    public static FakeReply Fixture(string fileName) => new FixtureReply(fileName);

    /// <summary>HTTP 200 with this body.</summary>
    public static FakeReply Json(string body) => new BodyReply(200, body);

    public static FakeReply Status(int statusCode) => new BodyReply(statusCode, "");

    /// <summary>Waits, then answers as <paramref name="then"/> (if the client is still there).</summary>
    public static FakeReply Delayed(TimeSpan delay, FakeReply then) => new DelayedReply(delay, then);

    /// <summary>Drops the connection without an answer: a connection reset for the client.</summary>
    public static FakeReply Abort { get; } = new AbortReply();

    public sealed record FixtureReply(string FileName) : FakeReply;

    public sealed record BodyReply(int StatusCode, string Body) : FakeReply;

    public sealed record DelayedReply(TimeSpan Delay, FakeReply Then) : FakeReply;

    public sealed record AbortReply : FakeReply;
}
