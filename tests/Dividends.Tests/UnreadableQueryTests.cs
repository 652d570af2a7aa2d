namespace PortfolioTracker.Dividends.Tests;

/// <summary>
/// A query value JSON transcoding cannot read is a 400 <c>google.rpc.Status</c> naming the field,
/// never the .NET exception's text ("Value was either too large or too small for an Int32.").
/// </summary>
public sealed class UnreadableQueryTests(DividendsHarness harness) : IClassFixture<DividendsHarness>
{
    [Theory]
    [InlineData("99999999999")]
    [InlineData("twenty")]
    [InlineData("1.5")]
    public async Task AYearThatIsNoInt32IsA400NamingYearWithoutDotNetText(string year)
    {
        var (status, body) = await harness.GetJsonAsync($"/v1/dividends?year={year}");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(RpcStatusJson.IsStatus(body, 3), body.ToJsonString());
        Assert.Equal(["year"], RpcStatusJson.ViolatedFields(body));
        var message = body["message"]!.GetValue<string>();
        Assert.DoesNotContain("Int32", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", message, StringComparison.Ordinal);
        Assert.Contains("year", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadableYearStillReachesTheHandler()
    {
        var (status, body) = await harness.GetJsonAsync("/v1/dividends?year=2024");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.NotNull(body["dividends"]);
    }
}
