using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace PortfolioTracker.MarketData.Tests.Bounds;

/// <summary>
/// A body JSON transcoding cannot read (a number beyond its field's type, an unknown field, text
/// that is not JSON) is a 400 <c>google.rpc.Status</c> naming the field where one can be named, a
/// neutral message otherwise, never the .NET exception's text; and nothing is written.
/// </summary>
public sealed class UnreadableBodyTests(ServiceHarness<Program> harness) : IClassFixture<ServiceHarness<Program>>
{
    private async Task<(HttpStatusCode Status, JsonObject Body)> PostRawAsync(string path, string json)
    {
        var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await harness.SendJsonAsync(HttpMethod.Post, path, content, harness.Tokens.ForServiceRole());
    }

    private async Task<long> BarCountAsync(string symbol)
    {
        await using var command = harness.Superuser.CreateCommand("select count(*) from historical_prices where symbol = $1");
        command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = symbol });
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void AssertNoDotNetText(JsonObject body)
    {
        var message = body["message"]!.GetValue<string>();
        foreach (var text in new[] { "Int64", "Int32", "Exception", "System.", "Value was" })
        {
            Assert.DoesNotContain(text, message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("\"99999999999999999999\"")]
    [InlineData("99999999999999999999")]
    [InlineData("\"many\"")]
    public async Task AVolumeBeyondInt64IsA400NamingItsBarAndNothingIsStored(string volume)
    {
        var (status, body) = await PostRawAsync("/v1/admin/prices:import",
            $$"""{"symbol":"ZZVOL","currency":"USD","bars":[{"date":"2024-01-02","open":"10","high":"11","low":"9","close":"10","volume":1},{"date":"2024-01-03","open":"10","high":"11","low":"9","close":"10","volume":{{volume}}}]}""");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
        Assert.Equal(["bars[1].volume"], RpcStatusJson.ViolatedFields(body));
        AssertNoDotNetText(body);
        Assert.Equal(0, await BarCountAsync("ZZVOL"));
    }

    [Theory]
    [InlineData("{\"symbol\":")]
    [InlineData("not json")]
    public async Task ABodyThatIsNotJsonIsA400WithANeutralMessage(string text)
    {
        var (status, body) = await PostRawAsync("/v1/admin/prices:import", text);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
        AssertNoDotNetText(body);
    }
}
