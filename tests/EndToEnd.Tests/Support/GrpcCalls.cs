using System.Globalization;
using PortfolioTracker.ServiceDefaults.Validation;
using Grpc.Core;
using PortfolioTracker.Protos.Portfolio.V1;

namespace PortfolioTracker.EndToEnd.Tests.Support;

/// <summary>What native gRPC tests share: the caller's token as metadata, refusals and their details.</summary>
public static class GrpcCalls
{
    public static Metadata Bearer(this TestUser user) => new() { { "Authorization", $"Bearer {user.AccessToken}" } };

    /// <summary>The call's failure; a call that succeeds fails the test.</summary>
    public static Task<RpcException> RefusedAsync<T>(this AsyncUnaryCall<T> call) =>
        Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

    /// <summary>The failure of a call already awaited through a helper; success fails the test.</summary>
    public static Task<RpcException> RefusedAsync<T>(this Task<T> call) =>
        Assert.ThrowsAsync<RpcException>(() => call);

    /// <summary>The fields the <c>google.rpc.BadRequest</c> detail of a refusal names, in order.</summary>
    public static IReadOnlyList<string> ViolatedFields(this RpcException error) =>
        error.GetRpcStatus()?.GetDetail<Google.Rpc.BadRequest>()?.FieldViolations.Select(v => v.Field).ToList() ?? [];

    /// <summary>A symbol no other test and no demo data uses, so no close is ever stored for it.</summary>
    public static string NewSymbol(string prefix) => prefix + Guid.NewGuid().ToString("N")[..7].ToUpperInvariant();

    /// <summary>Decimals compared by value: "10" and "10.00" are the same amount.</summary>
    public static decimal Amount(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    /// <summary>The caller's default portfolio (created on first use by the listing).</summary>
    public static async Task<string> DefaultPortfolioIdAsync(this PortfolioService.PortfolioServiceClient client, TestUser user)
    {
        var list = await client.ListPortfoliosAsync(new ListPortfoliosRequest(), user.Bearer());
        return list.Portfolios.Single(p => p.IsDefault).Id;
    }
}
