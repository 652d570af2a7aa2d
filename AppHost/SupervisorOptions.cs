namespace PortfolioTracker.AppHost;

/// <summary>How <see cref="ResourceSupervisor"/> restarts processes that exit (section <c>Supervisor</c>).</summary>
public sealed class SupervisorOptions
{
    public const string Section = "Supervisor";

    /// <summary><c>false</c> leaves a process that exits stopped (Aspire's own behaviour).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Pause before the first restart; it doubles while the process keeps exiting.</summary>
    public TimeSpan FirstDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause between restarts of a process that keeps exiting.</summary>
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A process that stayed up this long is healthy again: its next exit restarts after <see cref="FirstDelay"/>.</summary>
    public TimeSpan StableAfter { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often each running process is looked at directly (Linux), to notice its end before DCP reports it.</summary>
    public TimeSpan ProcessCheckInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    public bool IsValid() =>
        FirstDelay >= TimeSpan.Zero && FirstDelay <= MaxDelay && MaxDelay <= TimeSpan.FromHours(1) && StableAfter > TimeSpan.Zero
        && ProcessCheckInterval >= TimeSpan.FromMilliseconds(50) && ProcessCheckInterval <= TimeSpan.FromMinutes(1);
}
