using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// Price alerts through the gateway: CRUD and isolation, then firing as MarketData stores a close
/// (a service-role import of a new symbol) and delivery on the caller's WatchAlerts stream only.
/// </summary>
[Collection(SuiteCollection.Name)]
public class ZzIdleExperimentTests(SuiteFixture suite)
{
    private static readonly TimeSpan FiringWait = TimeSpan.FromSeconds(30);

    private static string NewSymbol() => "Z" + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    // Yesterday (UTC): recent enough to fire alerts, never in the future for the importer.
    private static string RecentDay => DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static Metadata Bearer(TestUser user) => new() { { "Authorization", $"Bearer {user.AccessToken}" } };

    private async Task<JsonObject> CreateAsync(TestUser user, string symbol, string targetPrice, string condition)
    {
        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/alerts", user.AccessToken, new { symbol, targetPrice, condition });
        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"create answered {(int)response.StatusCode}: {body}");
        return body;
    }

    private async Task<JsonArray> ListAsync(TestUser user)
    {
        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/alerts", user.AccessToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.ReadJsonAsync())["alerts"]!.AsArray();
    }

    private async Task ImportCloseAsync(string serviceToken, string symbol, string close)
    {
        var bar = new
        {
            date = RecentDay, open = close, high = close, low = close, close, adjustedClose = close,
            volume = 1000, dividendAmount = "0", splitCoefficient = "1",
        };
        using var import = await suite.Http.SendAsync(HttpMethod.Post, "/v1/admin/prices:import", serviceToken,
            new { symbol, currency = "USD", bars = new[] { bar } });
        Assert.True(import.StatusCode == HttpStatusCode.OK, $"import answered {(int)import.StatusCode}: {await import.ReadJsonAsync()}");
    }

    /// <summary>
    /// Reads the caller's alerts until <paramref name="reached"/> holds, within a bounded wait.
    /// <paramref name="nudge"/> (storing the close again) runs every few seconds in case the
    /// first announcement went by before the evaluator listened.
    /// </summary>
    private async Task<JsonArray> WaitForAlertsAsync(TestUser user, Func<JsonArray, bool> reached, Func<Task>? nudge = null)
    {
        var deadline = DateTime.UtcNow + FiringWait;
        var nextNudge = DateTime.UtcNow.AddSeconds(3);
        while (true)
        {
            var alerts = await ListAsync(user);
            if (reached(alerts))
            {
                return alerts;
            }
            Assert.True(DateTime.UtcNow < deadline, $"the alerts did not reach the expected state in {FiringWait}: {alerts.Json()}");
            if (nudge is not null && DateTime.UtcNow > nextNudge)
            {
                await nudge();
                nextNudge = DateTime.UtcNow.AddSeconds(3);
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The next message of a stream, running <paramref name="nudge"/> every few seconds until it comes.</summary>
    private static async Task<T> NextAsync<T>(IAsyncStreamReader<T> stream, Func<Task> nudge, CancellationToken cancellationToken)
    {
        var next = stream.MoveNext(cancellationToken);
        while (await Task.WhenAny(next, Task.Delay(TimeSpan.FromSeconds(3), cancellationToken)) != next)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await nudge();
        }
        Assert.True(await next, "the stream ended");
        return stream.Current;
    }

    private static JsonObject ById(JsonArray alerts, JsonObject alert) =>
        alerts.Single(a => a!["id"]!.GetValue<string>() == alert["id"]!.GetValue<string>())!.AsObject();

    private static decimal Decimal(JsonNode? node) => decimal.Parse(node!.GetValue<string>(), CultureInfo.InvariantCulture);

    [Fact]
    public async Task AlertsAreCreatedListedAndDeleted()
    {
        var user = await suite.Http.SignUpAsync();
        var symbol = NewSymbol();

        var above = await CreateAsync(user, symbol.ToLowerInvariant(), "150.25", "ABOVE");
        var below = await CreateAsync(user, symbol, "99", "Below");
        var listed = await ListAsync(user);

        Assert.Equal(symbol, above["symbol"]!.GetValue<string>());
        Assert.Equal("above", above["condition"]!.GetValue<string>());
        Assert.Equal("150.25", above["targetPrice"]!.GetValue<string>());
        Assert.True(above["isActive"]!.GetValue<bool>());
        Assert.Equal("", above["triggeredAt"]!.GetValue<string>());
        Assert.Equal("", above["triggeredPrice"]!.GetValue<string>());
        Assert.Equal("below", below["condition"]!.GetValue<string>());
        Assert.Equal(2, listed.Count);
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from price_alerts where user_id = $1 and condition = 'above' and target_price = 150.25", user.Id));

        using var deleted = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/alerts/{above["id"]}", user.AccessToken);
        using var again = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/alerts/{above["id"]}", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal([below["id"]!.GetValue<string>()], (await ListAsync(user)).Select(a => a!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task AnotherUsersAlertIsNotFoundAndStaysArmed()
    {
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var alert = await CreateAsync(alice, NewSymbol(), "10", "above");
        var id = Guid.Parse(alert["id"]!.GetValue<string>());

        using var delete = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/alerts/{id}", bob.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Empty(await ListAsync(bob));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from price_alerts where id = $1 and user_id = $2 and is_active", id, alice.Id));
    }

    [Theory]
    [InlineData("", "10", "above", "symbol")]
    [InlineData("BAD SYMBOL", "10", "above", "symbol")]
    [InlineData("AAPL", "", "above", "targetPrice")]
    [InlineData("AAPL", "0", "above", "targetPrice")]
    [InlineData("AAPL", "-1.5", "below", "targetPrice")]
    [InlineData("AAPL", "ten", "below", "targetPrice")]
    [InlineData("AAPL", "10", "", "condition")]
    [InlineData("AAPL", "10", "sideways", "condition")]
    public async Task ABadAlertFieldIsNamedAndNothingIsStored(string symbol, string targetPrice, string condition, string field)
    {
        var user = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/alerts", user.AccessToken, new { symbol, targetPrice, condition });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(0, await suite.CountAsync("select count(*) from price_alerts where user_id = $1", user.Id));
    }

    [Fact]
    public async Task AnAlertWithEveryFieldWrongNamesThemAllAndAMalformedIdIsNamedToo()
    {
        var user = await suite.Http.SignUpAsync();

        using var create = await suite.Http.SendAsync(HttpMethod.Post, "/v1/alerts", user.AccessToken,
            new { symbol = "", targetPrice = "0", condition = "up" });
        using var delete = await suite.Http.SendAsync(HttpMethod.Delete, "/v1/alerts/42", user.AccessToken);
        using var unknown = await suite.Http.SendAsync(HttpMethod.Delete, $"/v1/alerts/{Guid.NewGuid()}", user.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, create.StatusCode);
        Assert.Equal(["symbol", "targetPrice", "condition"], Api.ViolatedFields(await create.ReadJsonAsync()));
        Assert.Equal(HttpStatusCode.BadRequest, delete.StatusCode);
        Assert.Equal(["id"], Api.ViolatedFields(await delete.ReadJsonAsync()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(0, await suite.CountAsync("select count(*) from price_alerts where user_id = $1", user.Id));
    }

    [Fact]
    public async Task ACloseThatCrossesTheTargetFiresTheAlertOnceAndLeavesTheOthersArmed()
    {
        var token = await ServiceToken.MintAsync(suite);
        var user = await suite.Http.SignUpAsync();
        var symbol = NewSymbol();
        var crossedAbove = await CreateAsync(user, symbol, "100", "above");
        var notReachedAbove = await CreateAsync(user, symbol, "150", "above");
        var notReachedBelow = await CreateAsync(user, symbol, "50", "below");
        var touchedBelow = await CreateAsync(user, symbol, "120.50", "below");

        await ImportCloseAsync(token, symbol, "120.50");
        var alerts = await WaitForAlertsAsync(user,
            a => !ById(a, crossedAbove)["isActive"]!.GetValue<bool>() && !ById(a, touchedBelow)["isActive"]!.GetValue<bool>(),
            () => ImportCloseAsync(token, symbol, "120.50"));

        var fired = ById(alerts, crossedAbove);
        Assert.NotEqual("", fired["triggeredAt"]!.GetValue<string>());
        Assert.True(DateTime.Parse(fired["triggeredAt"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
            > DateTime.UtcNow.AddMinutes(-5));
        Assert.Equal(120.50m, Decimal(fired["triggeredPrice"]));
        Assert.Equal(120.50m, Decimal(ById(alerts, touchedBelow)["triggeredPrice"]));
        foreach (var armed in new[] { notReachedAbove, notReachedBelow })
        {
            var alert = ById(alerts, armed);
            Assert.True(alert["isActive"]!.GetValue<bool>());
            Assert.Equal("", alert["triggeredAt"]!.GetValue<string>());
            Assert.Equal("", alert["triggeredPrice"]!.GetValue<string>());
        }
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from price_alerts where id = $1 and not is_active and triggered_price = 120.50 and triggered_at is not null",
            Guid.Parse(crossedAbove["id"]!.GetValue<string>())));

        // Creating the same alert again re-arms it, in place.
        var rearmed = await CreateAsync(user, symbol, "100", "above");

        Assert.Equal(crossedAbove["id"]!.GetValue<string>(), rearmed["id"]!.GetValue<string>());
        Assert.True(rearmed["isActive"]!.GetValue<bool>());
        Assert.Equal("", rearmed["triggeredAt"]!.GetValue<string>());
        Assert.Equal("", rearmed["triggeredPrice"]!.GetValue<string>());
        Assert.Equal(4, await suite.CountAsync("select count(*) from price_alerts where user_id = $1", user.Id));
    }

    [Fact]
    public async Task ZzIdleExperiment()
    {
        var token = await ServiceToken.MintAsync(suite);
        var alice = await suite.Http.SignUpAsync();
        var bob = await suite.Http.SignUpAsync();
        var client = new AlertService.AlertServiceClient(suite.Grpc);
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var watch = client.WatchAlerts(new WatchAlertsRequest(), Bearer(alice), cancellationToken: timeout.Token);

        // The gateway passes response headers on with the first message only, so the stream
        // shows it is listening by delivering something: fire (and re-arm) a probe alert of
        // Alice's until it arrives. Later copies of the probe are skipped below.
        var probeSymbol = NewSymbol();
        var probe = await CreateAsync(alice, probeSymbol, "1", "above");
        var probeId = probe["id"]!.GetValue<string>();
        await ImportCloseAsync(token, probeSymbol, "2");
        var arrived = await NextAsync(watch.ResponseStream, async () =>
        {
            await CreateAsync(alice, probeSymbol, "1", "above");
            await ImportCloseAsync(token, probeSymbol, "2");
        }, timeout.Token);
        Assert.Equal(probeId, arrived.Id);

        async Task<Alert> NextOtherThanProbeAsync()
        {
            while (true)
            {
                Assert.True(await watch.ResponseStream.MoveNext(timeout.Token), "the stream ended");
                if (watch.ResponseStream.Current.Id != probeId)
                {
                    return watch.ResponseStream.Current;
                }
            }
        }

        await Task.Delay(TimeSpan.FromSeconds(110));
        var symbol = NewSymbol();
        var aliceAlert = await CreateAsync(alice, symbol, "10", "above");
        var bobAlert = await CreateAsync(bob, symbol, "10", "above");
        await ImportCloseAsync(token, symbol, "11");
        var first = await NextOtherThanProbeAsync();

        Assert.Equal(aliceAlert["id"]!.GetValue<string>(), first.Id);
        Assert.Equal(symbol, first.Symbol);
        Assert.False(first.IsActive);
        Assert.Equal(11m, decimal.Parse(first.TriggeredPrice, CultureInfo.InvariantCulture));
        Assert.NotEqual("", first.TriggeredAt);

    }
}
