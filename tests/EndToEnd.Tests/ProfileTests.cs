using System.Net;
using Grpc.Core;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>GET and PUT /v1/profile through the gateway, and the same service over native gRPC.</summary>
[Collection(SuiteCollection.Name)]
public class ProfileTests(SuiteFixture suite)
{
    private static object Profile(string firstName = "Ada", string lastName = "Lovelace", string country = "GB", string baseCurrency = "GBP") =>
        new { firstName, lastName, country, baseCurrency };

    private Task<long> StoredProfilesAsync(TestUser user) =>
        suite.CountAsync("select count(*) from user_profiles where user_id = $1", user.Id);

    [Fact]
    public async Task AUserWithoutAProfileReadsTheDefaultsAndReadingStoresNothing()
    {
        var user = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/profile", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var profile = await response.ReadJsonAsync();
        Assert.Equal("", profile["firstName"]!.GetValue<string>());
        Assert.Equal("", profile["lastName"]!.GetValue<string>());
        Assert.Equal("", profile["country"]!.GetValue<string>());
        Assert.Equal("USD", profile["baseCurrency"]!.GetValue<string>());
        Assert.Equal(0, await StoredProfilesAsync(user));
    }

    [Fact]
    public async Task AProfileIsSavedReadBackAndReplacedInPlace()
    {
        var user = await suite.Http.SignUpAsync();

        using var first = await suite.Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken, Profile(firstName: "  Ada "));
        using var read = await suite.Http.SendAsync(HttpMethod.Get, "/v1/profile", user.AccessToken);
        using var second = await suite.Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken,
            Profile(firstName: "Augusta", lastName: "King", country: "United Kingdom", baseCurrency: "EUR"));
        using var reread = await suite.Http.SendAsync(HttpMethod.Get, "/v1/profile", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("Ada", (await first.ReadJsonAsync())["firstName"]!.GetValue<string>());
        var stored = await read.ReadJsonAsync();
        Assert.Equal(["Ada", "Lovelace", "GB", "GBP"],
            new[] { "firstName", "lastName", "country", "baseCurrency" }.Select(f => stored[f]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var replaced = await reread.ReadJsonAsync();
        Assert.Equal(["Augusta", "King", "United Kingdom", "EUR"],
            new[] { "firstName", "lastName", "country", "baseCurrency" }.Select(f => replaced[f]!.GetValue<string>()));
        Assert.Equal(1, await StoredProfilesAsync(user));
    }

    [Fact]
    public async Task EveryBadFieldIsNamedAndNothingIsStored()
    {
        var user = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken,
            Profile(firstName: "   ", lastName: new string('x', 101), country: "", baseCurrency: "usd"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var status = await response.ReadJsonAsync();
        Assert.Equal(3, status["code"]!.GetValue<int>());
        Assert.Equal(["firstName", "lastName", "country", "baseCurrency"], Api.ViolatedFields(status));
        Assert.Equal(0, await StoredProfilesAsync(user));
    }

    [Theory]
    [InlineData("firstName")]
    [InlineData("lastName")]
    [InlineData("country")]
    [InlineData("baseCurrency")]
    public async Task ABadUpdateLeavesTheStoredProfileAsItWas(string field)
    {
        var user = await suite.Http.SignUpAsync();
        using (var saved = await suite.Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken, Profile()))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        var body = new Dictionary<string, string> { ["firstName"] = "Grace", ["lastName"] = "Hopper", ["country"] = "US", ["baseCurrency"] = "USD" };
        body[field] = field == "baseCurrency" ? "DOLLARS" : "";

        using var response = await suite.Http.SendAsync(HttpMethod.Put, "/v1/profile", user.AccessToken, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([field], Api.ViolatedFields(await response.ReadJsonAsync()));
        Assert.Equal(1, await suite.CountAsync(
            "select count(*) from user_profiles where user_id = $1 and first_name = 'Ada' and base_currency = 'GBP'", user.Id));
    }

    [Fact]
    public async Task AProfileSavedOverNativeGrpcIsTheOneReadOverJson()
    {
        var user = await suite.Http.SignUpAsync();
        var client = new ProfileService.ProfileServiceClient(suite.Grpc);
        var bearer = new Metadata { { "Authorization", $"Bearer {user.AccessToken}" } };

        var before = await client.GetProfileAsync(new GetProfileRequest(), bearer);
        var saved = await client.UpdateProfileAsync(new UpdateProfileRequest
        {
            FirstName = "Alan", LastName = "Turing", Country = "GB", BaseCurrency = "CHF",
        }, bearer);
        using var json = await suite.Http.SendAsync(HttpMethod.Get, "/v1/profile", user.AccessToken);

        Assert.Equal("USD", before.BaseCurrency);
        Assert.Equal("CHF", saved.BaseCurrency);
        Assert.Equal("Turing", (await json.ReadJsonAsync())["lastName"]!.GetValue<string>());
    }

    [Fact]
    public async Task WithoutATokenTheProfileIsUnauthorized()
    {
        using var get = await suite.Http.SendAsync(HttpMethod.Get, "/v1/profile", token: null);
        using var put = await suite.Http.SendAsync(HttpMethod.Put, "/v1/profile", token: null, Profile());

        Assert.Equal(HttpStatusCode.Unauthorized, get.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, put.StatusCode);
    }
}
