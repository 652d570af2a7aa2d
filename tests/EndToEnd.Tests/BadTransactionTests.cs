using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PortfolioTracker.EndToEnd.Tests.Support;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>Bad input gets a 400 naming the field, and nothing is stored.</summary>
[Collection(SuiteCollection.Name)]
public class BadTransactionTests(SuiteFixture suite)
{
    public static TheoryData<string, string, object?> BadFields => new()
    {
        { "quantity", "quantity", "-5" },
        { "date", "date", DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd") },
        { "currency", "currency", "usd" },
        { "transactionType", "transactionType", "TRANSFER" },
        { "symbol", "symbol", null },
        { "price", "price", "abc" },
        { "portfolioId", "portfolioId", Guid.NewGuid().ToString() },
    };

    [Theory]
    [MemberData(nameof(BadFields))]
    public async Task ABadFieldIsNamedInA400AndNoRowIsStored(string field, string expectedField, object? value)
    {
        var alice = await suite.Http.SignUpAsync();
        var transaction = Api.Buy();
        if (value is null)
        {
            transaction.Remove(field);
        }
        else
        {
            transaction[field] = value;
        }

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/transactions", alice.AccessToken, transaction);

        var body = await response.ReadJsonAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body.Json()}");
        Assert.Equal(3, body["code"]!.GetValue<int>());
        Assert.Equal([expectedField], Api.ViolatedFields(body));
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", alice.Id));
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("""{"quantity": 10}""")]
    [InlineData("[]")]
    public async Task AMalformedBodyIsA400WithoutAStackTrace(string json)
    {
        var alice = await suite.Http.SignUpAsync();
        var content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));

        using var response = await suite.Http.SendAsync(HttpMethod.Post, "/v1/transactions", alice.AccessToken, content);

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", text);
        Assert.Equal(0, await suite.CountAsync("select count(*) from transactions where user_id = $1", alice.Id));
    }

    [Fact]
    public async Task AnIdThatIsNotAUuidIsA400NamingId()
    {
        var alice = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/transactions/not-a-uuid", alice.AccessToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["id"], Api.ViolatedFields(await response.ReadJsonAsync()));
    }
}
