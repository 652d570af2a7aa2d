using System.Diagnostics;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// The steps of a sync as trace spans of the service's own source (the one the service defaults
/// trace, named after the application), so a trace and bench/Dividends.Benchmarks show where a
/// sync's time goes. A span is only made while something listens.
/// </summary>
public static class SyncSteps
{
    public const string SourceName = "Dividends";

    public const string Whole = "dividend sync";
    public const string StateRead = "dividend sync: sync state read";
    public const string Watermark = "dividend sync: events watermark from MarketData";
    public const string ShareHistory = "dividend sync: share history from Portfolio";
    public const string ShareHistoryMapping = "dividend sync: share history mapped to domain records";
    public const string Events = "dividend sync: events batch from MarketData";
    public const string Entitlement = "dividend sync: entitlement";
    public const string Write = "dividend sync: write (one database transaction)";
    public const string StoredRows = "dividend sync: write: stored rows read";
    public const string Insert = "dividend sync: write: rows inserted with the sync state";

    private static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string step) => Source.StartActivity(step);

    /// <summary>Runs <paramref name="work"/> as its own span (side-by-side calls each get theirs).</summary>
    public static async Task<T> RunAsync<T>(string step, Func<Task<T>> work)
    {
        using var span = Start(step);
        return await work();
    }
}
