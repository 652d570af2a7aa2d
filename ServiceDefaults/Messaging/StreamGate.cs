using System.Text.Json;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>
/// What every server stream of a service goes through, whatever it carries: at most
/// <see cref="StreamOptions.MaxPerUser"/> open per caller on this replica (RESOURCE_EXHAUSTED,
/// HTTP 429, past it), the end of the stream when the caller's token expires (UNAUTHENTICATED
/// at its <c>exp</c>: the client reconnects with a fresh token), and a normal end after
/// <see cref="StreamOptions.IdleTimeout"/> with nothing to deliver.
/// </summary>
public sealed partial class StreamGate(IOptions<StreamOptions> options, ILogger<StreamGate> logger)
{
    // Wall-clock time, as token validation uses: a token's exp is a real instant.
    private static readonly TimeProvider Clock = TimeProvider.System;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, int> _openByCaller = [];

    /// <summary>Streams open on this replica for <paramref name="caller"/> (a user id, or a role without one).</summary>
    public int OpenFor(string caller)
    {
        lock (_gate)
        {
            return _openByCaller.GetValueOrDefault(caller);
        }
    }

    /// <summary>
    /// Streams <paramref name="subscribe"/>'s messages to the client, mapped by
    /// <paramref name="map"/>, until the client leaves, the token expires or the stream idles.
    /// </summary>
    /// <param name="announceReady">Send the response headers once subscribed, so a client knows messages from now on reach it.</param>
    public async Task RunAsync<T, TOut>(
        ServerCallContext context, Func<StreamWatch<T>> subscribe, Func<T, TOut> map, IServerStreamWriter<TOut> writer, bool announceReady = false)
    {
        var claims = context.GetHttpContext().GetDbClaims();
        var caller = claims.UserId?.ToString() ?? claims.Role;
        var expires = TokenExpiry(claims);
        Acquire(caller);
        try
        {
            using var watch = subscribe();
            if (announceReady)
            {
                await context.WriteResponseHeadersAsync([]);
            }
            await PumpAsync(watch, map, writer, expires, context.CancellationToken);
        }
        catch (OperationCanceledException) when (context.CancellationToken.IsCancellationRequested)
        {
            // The client went away: a normal end of a stream.
        }
        finally
        {
            Release(caller);
        }
    }

    private async Task PumpAsync<T, TOut>(StreamWatch<T> watch, Func<T, TOut> map, IServerStreamWriter<TOut> writer, DateTimeOffset expires, CancellationToken clientGone)
    {
        var idle = options.Value.IdleTimeout;
        while (true)
        {
            var untilExpiry = expires - Clock.GetUtcNow();
            var endsWithToken = untilExpiry <= idle;
            if (untilExpiry <= TimeSpan.Zero)
            {
                throw TokenExpired();
            }
            using var quiet = new CancellationTokenSource(endsWithToken ? untilExpiry : idle, Clock);
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(clientGone, quiet.Token);
            try
            {
                if (!await watch.Messages.WaitToReadAsync(wait.Token))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (quiet.IsCancellationRequested && !clientGone.IsCancellationRequested)
            {
                if (endsWithToken)
                {
                    throw TokenExpired();
                }
                LogIdleEnd(logger, idle.TotalSeconds);
                return;
            }
            while (watch.Messages.TryRead(out var message))
            {
                await writer.WriteAsync(map(message), clientGone);
            }
        }
    }

    private void Acquire(string caller)
    {
        var limit = options.Value.MaxPerUser;
        lock (_gate)
        {
            var open = _openByCaller.GetValueOrDefault(caller);
            if (open >= limit)
            {
                LogRefused(logger, limit);
                throw RpcErrors.ResourceExhausted($"At most {limit} streams may be open at once; close one first.");
            }
            _openByCaller[caller] = open + 1;
        }
    }

    private void Release(string caller)
    {
        lock (_gate)
        {
            if (--_openByCaller[caller] == 0)
            {
                _openByCaller.Remove(caller);
            }
        }
    }

    /// <summary>The verified token's <c>exp</c>; JWT validation refused any token without one.</summary>
    private static DateTimeOffset TokenExpiry(DbClaims claims)
    {
        using var payload = JsonDocument.Parse(claims.ClaimsJson);
        return payload.RootElement.TryGetProperty("exp", out var exp) && exp.TryGetInt64(out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : DateTimeOffset.MaxValue;
    }

    private static RpcException TokenExpired() =>
        new(new Status(StatusCode.Unauthenticated, "The access token expired; open the stream again with a fresh token."));

    [LoggerMessage(Level = LogLevel.Information, Message = "Stream refused: the caller already holds {Limit} open streams")]
    private static partial void LogRefused(ILogger logger, int limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stream ended after {Seconds} s with nothing to deliver")]
    private static partial void LogIdleEnd(ILogger logger, double seconds);
}
