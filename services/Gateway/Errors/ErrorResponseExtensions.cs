using Microsoft.AspNetCore.Diagnostics;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Errors;

namespace PortfolioTracker.Gateway.Errors;

/// <summary>
/// Every answer the gateway itself gives is a <c>google.rpc.Status</c>: unhandled exceptions
/// become a bare 500 (details stay in the server log), and empty-bodied framework statuses
/// (unmatched route 404, 405, 413 …) get a body in the same shape.
/// </summary>
public static class ErrorResponseExtensions
{
    public static WebApplication UseGatewayErrorResponses(this WebApplication app)
    {
        // ExceptionHandlerMiddleware logs the exception before calling this handler.
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context =>
            {
                // A malformed request that surfaced as an exception is the client's fault.
                if (context.Features.Get<IExceptionHandlerFeature>()?.Error is BadHttpRequestException bad)
                {
                    return RpcStatus.ForHttpStatus(bad.StatusCode).WriteAsync(context.Response, bad.StatusCode);
                }
                // The auth tables out of reach after the RLS session's own retries: try again shortly.
                if (context.Features.Get<IExceptionHandlerFeature>()?.Error is { } error && TransientDatabaseErrors.IsTransient(error))
                {
                    context.Response.Headers.RetryAfter = ((int)DatabaseErrorInterceptor.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return RpcStatus.Of(RpcStatus.Unavailable, "The database is unavailable right now; try again shortly.").WriteAsync(context.Response);
                }
                return RpcStatus.Of(RpcStatus.Internal, "Internal error.").WriteAsync(context.Response);
            },
        });

        // Only fires for responses with no body and no content type, so it never rewrites an
        // error a handler already wrote; the proxy switches it off for backend responses.
        app.UseStatusCodePages(context =>
        {
            var response = context.HttpContext.Response;
            return RpcStatus.ForHttpStatus(response.StatusCode).WriteAsync(response, response.StatusCode);
        });
        return app;
    }
}
