extern alias operationsservice;

using System.Net;
using System.Text.Json;
using operationsservice::PortfolioTracker.OperationsService;

namespace PortfolioTracker.Operator.Tests;

/// <summary>A real local HTTP listener standing in for an operator's alert webhook.</summary>
public sealed class WebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();

    public WebhookListener()
    {
        Url = new Uri($"http://127.0.0.1:{TestSupport.FreePort.Next()}/alerts/");
        _listener.Prefixes.Add(Url.ToString());
        _listener.Start();
    }

    public Uri Url { get; }

    /// <summary>The next POST's body; answers it 204.</summary>
    public async Task<JsonDocument> NextPostAsync(TimeSpan timeout)
    {
        var context = await _listener.GetContextAsync().WaitAsync(timeout);
        Assert.Equal("POST", context.Request.HttpMethod);
        using var reader = new StreamReader(context.Request.InputStream);
        var body = await reader.ReadToEndAsync();
        context.Response.StatusCode = 204;
        context.Response.Close();
        return JsonDocument.Parse(body);
    }

    public void Dispose() => ((IDisposable)_listener).Dispose();
}

public sealed class ScheduledHealthHarness : OperationsHarness
{
    public WebhookListener Webhook { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> MoreSettings() =>
    [
        new($"{ScheduleOptions.Section}:Enabled", "true"),
        new($"{ScheduleOptions.Section}:Tick", "00:00:00.250"),
        // The health check every second; maintenance kept out of the way.
        new($"{ScheduleOptions.Section}:Health", "* * * * * *"),
        new($"{ScheduleOptions.Section}:MaintainDaily", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:MaintainWeekly", "0 0 1 1 *"),
        new($"{ScheduleOptions.Section}:MaintainMonthly", "0 0 1 1 *"),
        new($"{AlertOptions.Section}:WebhookUrl", Webhook.Url.ToString()),
    ];

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Webhook.Dispose();
    }
}

public sealed class AlertWebhookTests(ScheduledHealthHarness service) : IClassFixture<ScheduledHealthHarness>
{
    [Fact]
    public async Task An_alert_crossing_its_threshold_is_posted_to_the_webhook_and_logged_with_its_measured_value()
    {
        await service.ExecuteAsync("insert into api_usage (service, date, call_count) values ('alpha_vantage', current_date, 24)");

        // The first post that carries it (another alert of a fresh database could come first).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        JsonDocument body;
        do
        {
            body = await service.Webhook.NextPostAsync(deadline - DateTime.UtcNow);
        }
        while (!body.RootElement.GetProperty("alerts").EnumerateArray().Any(a => a.GetProperty("name").GetString() == "provider-quota:alpha_vantage"));

        Assert.Equal("alert", body.RootElement.GetProperty("status").GetString());
        var alert = Assert.Single(body.RootElement.GetProperty("alerts").EnumerateArray(), a => a.GetProperty("name").GetString() == "provider-quota:alpha_vantage");
        Assert.Equal(0.96, alert.GetProperty("measured").GetDouble());
        Assert.Equal(0.8, alert.GetProperty("threshold").GetDouble());
        Assert.Equal("alpha_vantage used 24 of 25 calls today (96%), at or above 80%", alert.GetProperty("message").GetString());
        Assert.Contains(service.Logs.Messages, m => m.Contains("Health alert provider-quota:alpha_vantage", StringComparison.Ordinal) && m.Contains("measured 0.96", StringComparison.Ordinal));
        body.Dispose();
        // The run is journalled once the delivery returns.
        await using var journal = service.Superuser.CreateCommand("select count(*) from ops.job_runs where job = 'health' and outcome = 'succeeded' and detail like '%provider-quota:alpha_vantage%'");
        var journalled = false;
        for (var attempt = 0; attempt < 50 && !journalled; attempt++)
        {
            journalled = (long)(await journal.ExecuteScalarAsync())! >= 1;
            await Task.Delay(journalled ? 0 : 200);
        }
        Assert.True(journalled, "no succeeded health run naming the alert in ops.job_runs");
    }
}
