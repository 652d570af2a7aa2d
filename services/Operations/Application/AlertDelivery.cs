using System.Net.Http.Json;
using Microsoft.Extensions.Options;
using PortfolioTracker.Operations.Health;

namespace PortfolioTracker.OperationsService.Application;

/// <summary>
/// Delivers a health check's alerts: always one structured log line per alert (name, measured
/// value, threshold), and a JSON POST to the configured webhook. A webhook that fails is logged;
/// it never hides the alerts from the log.
/// </summary>
public sealed partial class AlertDelivery(IHttpClientFactory clients, IOptions<AlertOptions> options, ILogger<AlertDelivery> logger)
{
    public const string WebhookClient = "alert-webhook";

    /// <summary>The webhook's body: the report's status, time and alerts (no figures beyond those).</summary>
    public sealed record WebhookPayload(string Status, DateTimeOffset GeneratedAt, IReadOnlyList<HealthAlert> Alerts);

    public async Task DeliverAsync(HealthReport report, CancellationToken cancellationToken)
    {
        foreach (var alert in report.Alerts)
        {
            LogAlert(logger, alert.Name, alert.Message, alert.Measured, alert.Threshold);
        }
        if (report.Alerts.Count == 0 || options.Value.WebhookUrl is not { } url)
        {
            return;
        }
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.WebhookTimeout);
            using var response = await clients.CreateClient(WebhookClient)
                .PostAsJsonAsync(url, new WebhookPayload(report.Status, report.GeneratedAt, report.Alerts), timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                LogWebhookFailed(logger, $"HTTP {(int)response.StatusCode}");
            }
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            LogWebhookFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Health alert {AlertName}: {AlertMessage} (measured {Measured}, threshold {Threshold})")]
    private static partial void LogAlert(ILogger logger, string alertName, string alertMessage, double measured, double threshold);

    [LoggerMessage(Level = LogLevel.Error, Message = "Alert webhook delivery failed ({Reason})")]
    private static partial void LogWebhookFailed(ILogger logger, string reason);
}
