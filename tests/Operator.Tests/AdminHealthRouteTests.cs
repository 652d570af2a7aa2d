extern alias operationsservice;

using System.Net;
using Grpc.Core;
using operationsservice::PortfolioTracker.Protos.Operations.V1;

namespace PortfolioTracker.Operator.Tests;

public sealed class AdminHealthRouteTests(OperationsHarness service) : IClassFixture<OperationsHarness>
{
    [Fact]
    public async Task A_service_role_token_gets_the_health_report_as_json()
    {
        var (status, body) = await service.SendJsonAsync(HttpMethod.Get, "/v1/admin/health", null, service.Tokens.ForServiceRole());

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains(body["status"]!.GetValue<string>(), new[] { "ok", "alert" });
        Assert.Equal(200, body["connections"]!["max"]!.GetValue<int>());
        Assert.True(body["statements"]!["available"]!.GetValue<bool>());
        Assert.Contains(body["caches"]!.AsArray(), c => c!["cache"]!.GetValue<string>() == "metrics-cache");
    }

    [Fact]
    public async Task A_user_token_is_refused_with_403_and_no_figures()
    {
        var (status, body) = await service.SendJsonAsync(HttpMethod.Get, "/v1/admin/health", null, service.Tokens.ForUser(Guid.NewGuid()));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(7, body["code"]!.GetValue<int>());
        Assert.Null(body["connections"]);
    }

    [Fact]
    public async Task No_token_is_refused_with_401()
    {
        var (status, _) = await service.SendJsonAsync(HttpMethod.Get, "/v1/admin/health", null, token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Native_grpc_callers_get_the_same_report_and_the_same_refusal()
    {
        var client = new OperationsAdminService.OperationsAdminServiceClient(service.Grpc);

        var report = await client.GetHealthAsync(new GetHealthRequest(),
            new Metadata { { "Authorization", "Bearer " + service.Tokens.ForServiceRole() } });
        var refused = await Assert.ThrowsAsync<RpcException>(async () => await client.GetHealthAsync(new GetHealthRequest(), service.UserHeaders()));

        Assert.Equal(200, report.Connections.Max);
        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
    }
}
