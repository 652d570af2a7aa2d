using System.ComponentModel.DataAnnotations;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>Defaults of the metrics requests (section <c>Portfolio:Metrics</c>).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Portfolio:Metrics";

    /// <summary>Annual risk-free rate for Sharpe when the request gives none.</summary>
    [Range(typeof(decimal), "-1", "1")]
    public decimal RiskFreeRate { get; set; } = 0.02m;

    /// <summary>The symbol risk is compared with when the request names none.</summary>
    [Required]
    public string DefaultBenchmark { get; set; } = "SPY";

    /// <summary>
    /// How long a graceful stop waits for the metrics writes still running after their answers
    /// (results being recorded and cached, checkpoints; <see cref="MetricsWritesDrain"/>); inside
    /// the host's own shutdown limit (30 s).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:00:20")]
    public TimeSpan WritesOnStop { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a user's recomputed state must stay the latest before its checkpoints are written
    /// (<see cref="CheckpointWriter"/>): writes in quick succession (edits in a row, an import in
    /// files) then cost one checkpoint write of the last state, not one per recomputation beside the
    /// next requests. A steady stream of changes is still written at least every ten times this.
    /// A graceful stop writes what is waiting at once.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan CheckpointsAfterQuiet { get; set; } = TimeSpan.FromSeconds(1);
}
