using Google.Rpc;

namespace PortfolioTracker.Dividends.Application;

/// <summary>
/// How this service calls Portfolio and MarketData: with a deadline, so a stalled dependency
/// answers UNAVAILABLE quickly instead of holding the request; a refusal by the callee is passed
/// on with the fields it named.
/// </summary>
public static class RemoteCalls
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    /// <summary>A call's options; <paramref name="headers"/> carry a credential of its own (else the caller's token is forwarded).</summary>
    public static CallOptions Options(CancellationToken ct, Metadata? headers = null) =>
        new(headers: headers, deadline: DateTime.UtcNow + Deadline, cancellationToken: ct);

    /// <summary>Runs a call; a dependency's timeout becomes UNAVAILABLE, its field errors stay field errors.</summary>
    public static async Task<T> RunAsync<T>(Func<CallOptions, AsyncUnaryCall<T>> call, CancellationToken ct, Metadata? headers = null)
    {
        try
        {
            return await call(Options(ct, headers));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.DeadlineExceeded)
        {
            throw RpcErrors.Unavailable("A service this request needs did not answer in time.", TimeSpan.FromSeconds(5));
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.InvalidArgument && e.GetRpcStatus()?.GetDetail<BadRequest>() is { } bad)
        {
            throw RpcErrors.InvalidArgument([.. bad.FieldViolations.Select(v => new FieldViolation(v.Field, v.Description))]);
        }
    }
}
