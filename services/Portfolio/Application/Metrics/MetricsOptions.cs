using System.ComponentModel.DataAnnotations;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>Defaults of the metrics requests (section <c>Portfolio:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Portfolio:Metrics";

    /// <summary>Annual risk-free rate for Sharpe when the request gives none.</summary>
    // Bounds as numbers: a Range with string bounds converts them on first use without a lock (see TimeSpanRangeAttribute).
    [Range(-1.0, 1.0)]
    public decimal RiskFreeRate { get; set; } = 0.02m;

    /// <summary>The symbol risk is compared with when the request names none.</summary>
    [Required]
    public string DefaultBenchmark { get; set; } = "SPY";

    /// <summary>
    /// How long a graceful stop waits for the metrics writes still running after their answers
    /// (results being recorded and cached, checkpoints; <see cref="MetricsWritesDrain"/>); inside
    /// the host's own shutdown limit (30 s).
    /// </summary>
    [TimeSpanRange("00:00:00", "00:00:20")]
    public TimeSpan WritesOnStop { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a user's recomputed state must stay the latest before its checkpoints are written
    /// (<see cref="CheckpointWriter"/>): writes in quick succession (edits in a row, an import in
    /// files) then cost one checkpoint write of the last state, not one per recomputation beside the
    /// next requests. A steady stream of changes is still written at least every ten times this.
    /// A graceful stop writes what is waiting at once.
    /// </summary>
    [TimeSpanRange("00:00:00", "00:01:00")]
    public TimeSpan CheckpointsAfterQuiet { get; set; } = TimeSpan.FromSeconds(1);
}
