namespace PortfolioTracker.OperationsService;

/// <summary>Where alerts go besides the log (section <c>Operations:Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "Operations:Alerts";

    /// <summary>When set, every health check with alerts POSTs them here as JSON.</summary>
    public Uri? WebhookUrl { get; set; }

    public TimeSpan WebhookTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
