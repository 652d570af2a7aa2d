using System.Net;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.EndToEnd.Tests.Support;
using PortfolioTracker.Protos.Operations.V1;

namespace PortfolioTracker.EndToEnd.Tests;

/// <summary>
/// The operators' health route through the gateway (JSON and native gRPC), served by the
/// operations service, and that service's credentials as the AppHost hands them out.
/// </summary>
[Collection(SuiteCollection.Name)]
public class OperationsAdminTests(SuiteFixture suite)
{
    [Fact]
    public async Task AServiceRoleTokenGetsTheHealthReportWithEverySectionThroughTheGateway()
    {
        var token = await ServiceToken.MintAsync(suite);

        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/admin/health", token);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(body["status"]!.GetValue<string>(), new[] { "ok", "alert" });
        Assert.True(body["connections"]!["max"]!.GetValue<int>() > 0);
        Assert.True(body["connections"]!["total"]!.GetValue<int>() > 0);
        Assert.True(body["statements"]!["available"]!.GetValue<bool>());
        Assert.Contains(body["tables"]!.AsArray(), t => t!["table"]!.GetValue<string>() == "public.transactions");
        Assert.Contains(body["caches"]!.AsArray(), c => c!["cache"]!.GetValue<string>() == "postgres-buffers");
        Assert.Contains(body["caches"]!.AsArray(), c => c!["cache"]!.GetValue<string>() == "redis");
        Assert.Contains(body["caches"]!.AsArray(), c => c!["cache"]!.GetValue<string>() == "metrics-cache");
        Assert.NotNull(body["providers"]);
        Assert.NotNull(body["jobs"]);
        Assert.NotNull(body["alerts"]);
    }

    [Fact]
    public async Task AUserTokenIsRefusedWith403AsAGoogleRpcStatusWithoutFigures()
    {
        var user = await suite.Http.SignUpAsync();

        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/admin/health", user.AccessToken);
        var body = await response.ReadJsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(7, body["code"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));
        Assert.Null(body["connections"]);
    }

    [Fact]
    public async Task NoTokenIsRefusedWith401()
    {
        using var response = await suite.Http.SendAsync(HttpMethod.Get, "/v1/admin/health", token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task NativeGrpcCallersThroughTheGatewayGetTheReportOrPermissionDenied()
    {
        var client = new OperationsAdminService.OperationsAdminServiceClient(suite.Grpc);
        var token = await ServiceToken.MintAsync(suite);
        var user = await suite.Http.SignUpAsync();

        var report = await client.GetHealthAsync(new GetHealthRequest(), new Metadata { { "Authorization", $"Bearer {token}" } });
        var refused = await client.GetHealthAsync(new GetHealthRequest(), user.Bearer()).RefusedAsync();
        var anonymous = await client.GetHealthAsync(new GetHealthRequest()).RefusedAsync();

        Assert.True(report.Connections.Max > 0);
        Assert.Contains(report.Caches, c => c.Cache == "metrics-cache");
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
    }

    // The resolved environment of each resource as the AppHost hands it over; the newer
    // execution-configuration API gives the same values with more ceremony.
#pragma warning disable CS0618
    [Fact]
    public async Task NoServiceIsGivenTheDatabaseOwnersPasswordOnlyTheMigratorIs()
    {
        var ownerPassword = (await File.ReadAllTextAsync(Path.Combine(suite.StateDirectory, "secrets", "postgres-superuser.password"))).Trim();
        var model = suite.App.Services.GetRequiredService<DistributedApplicationModel>();
        var projects = model.Resources.OfType<ProjectResource>().ToList();
        var operations = Assert.Single(projects, p => p.Name == "operations");

        var ownerHolders = new List<string>();
        foreach (var project in projects)
        {
            var environment = await project.GetEnvironmentVariableValuesAsync();
            if (environment.Values.Any(value => value.Contains(ownerPassword, StringComparison.Ordinal)))
            {
                ownerHolders.Add(project.Name);
            }
        }
        var operationsEnvironment = await operations.GetEnvironmentVariableValuesAsync();

        Assert.Equal(["migrator"], ownerHolders);
        Assert.Contains("Username=authenticator", operationsEnvironment["ConnectionStrings__portfolio-db"], StringComparison.Ordinal);
        Assert.DoesNotContain(operationsEnvironment.Keys, key => key.Contains("admin", StringComparison.OrdinalIgnoreCase));
    }
#pragma warning restore CS0618
}
