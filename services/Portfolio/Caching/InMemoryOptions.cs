using System.ComponentModel.DataAnnotations;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.Portfolio.Caching;

/// <summary>Bounds of the data the service keeps in process memory between requests (section <c>Portfolio:Memory</c>).</summary>
public sealed class InMemoryOptions
{
    public const string Section = "Portfolio:Memory";

    /// <summary>Transactions held across all users' ledgers (about 150 bytes each); least recently used go first.</summary>
    [Range(1, long.MaxValue)]
    public long LedgerEntries { get; set; } = 2_000_000;

    /// <summary>A ledger nobody asked for in this long is dropped.</summary>
    [TimeSpanRange("00:00:01", "365.00:00:00")]
    public TimeSpan LedgerIdle { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Bytes of incremental ledger states held across all users (checkpoints, day records); least recently used go first.</summary>
    [Range(1, long.MaxValue)]
    public long StateBytes { get; set; } = 512L * 1024 * 1024;

    /// <summary>Closes and FX rates held across all series (12 bytes each in their arrays, see ClosePriceSeries).</summary>
    [Range(1, long.MaxValue)]
    public long MarketPoints { get; set; } = 5_000_000;

    /// <summary>
    /// Market series are re-read at least this often. New closes also retire their symbol at
    /// once (MarketData's publications); the age bound covers what no publication announces
    /// (FX imports, master data) or a publication missed while Redis was away.
    /// </summary>
    [TimeSpanRange("00:00:01", "365.00:00:00")]
    public TimeSpan MarketLifetime { get; set; } = TimeSpan.FromMinutes(10);

}
