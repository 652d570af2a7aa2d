using System.Text.Json;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>How the incremental state's tests compare a figure with a full replay's: as JSON, decimals with their scale.</summary>
internal static class ReplayComparison
{
    /// <summary>Both give the same JSON, or both throw the same error; 1 when that was an error.</summary>
    public static int Same(int seed, string what, Func<string> replay, Func<string> incremental)
    {
        var (expected, failed) = Outcome(replay);
        var (actual, _) = Outcome(incremental);
        if (expected != actual)
        {
            Assert.Fail($"seed {seed}, {what}:\nreplay      {expected}\nincremental {actual}");
        }
        return failed ? 1 : 0;
    }

    /// <summary><see cref="Same"/>; 1 when figures were compared.</summary>
    public static int NotFailed(int seed, string what, Func<string> replay, Func<string> incremental) =>
        1 - Same(seed, what, replay, incremental);

    public static (string Outcome, bool Failed) Outcome(Func<string> compute)
    {
        try
        {
            return (compute(), false);
        }
        catch (MetricsException exception)
        {
            return ($"{exception.GetType().Name}: {exception.Message}", true);
        }
    }

    public static string Json<T>(T value) => JsonSerializer.Serialize(value);

    public static LedgerEntry[] Sorted(IEnumerable<LedgerEntry> entries) => [.. Domain.Metrics.Ledger.Create(entries).Entries];
}
