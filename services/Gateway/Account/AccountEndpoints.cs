using Microsoft.AspNetCore.Mvc;
using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.Gateway.Auth.Passwords;
using PortfolioTracker.Gateway.OpenApi;

namespace PortfolioTracker.Gateway.Account;

/// <summary>
/// The caller's data rights: <c>GET /v1/account/export</c> (their own rows, the export-user JSON)
/// and <c>DELETE /v1/account</c> (the account and every row it owns, with the current password).
/// </summary>
public static class AccountEndpoints
{
    private static readonly IResult Unauthenticated =
        RpcStatus.Of(RpcStatus.Unauthenticated, "A valid user access token is required.").ToResult();

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v1/account/export", ExportAsync)
            .WithSummary("The caller's own data as one JSON document (the operator's export-user format, docs/user-export.md).")
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .ProducesRpcStatus(StatusCodes.Status401Unauthorized, StatusCodes.Status404NotFound, StatusCodes.Status429TooManyRequests);
        app.MapDelete("/v1/account", DeleteAsync)
            .WithSummary("Deletes the caller and every row they own, given the current password; audit rows keep the user id only.")
            .Accepts<DeleteAccountRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .ProducesRpcStatus(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden,
                StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> ExportAsync(HttpContext context, [FromServices] AccessTokens tokens, [FromServices] AccountService accounts, CancellationToken cancellationToken)
    {
        if (await tokens.AuthenticateUserAsync(context.Request) is not var (userId, claims))
        {
            return Unauthenticated;
        }
        // The export is complete in a temporary file before the first byte is sent: a database
        // retry or failure never leaves the client half a document with a 200.
        var file = await accounts.ExportAsync(userId, claims, cancellationToken);
        if (file is null)
        {
            return RpcStatus.Of(RpcStatus.NotFound, "The account no longer exists.").ToResult();
        }
        return Results.Stream(file, "application/json", $"portfolio-tracker-export-{userId}.json");
    }

    private static async Task<IResult> DeleteAsync(HttpContext context, [FromServices] AccessTokens tokens, [FromServices] AccountService accounts, CancellationToken cancellationToken)
    {
        if (await tokens.AuthenticateUserAsync(context.Request) is not var (userId, _))
        {
            return Unauthenticated;
        }
        var (request, error) = await JsonBody.ReadAsync<DeleteAccountRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }
        if (string.IsNullOrEmpty(request.Password) || request.Password.Length > 2 * PasswordPolicy.MaxLength)
        {
            return RpcStatus.BadRequest("Invalid account deletion request.",
                [new FieldViolation("password", "The current password is required to delete the account.")]).ToResult();
        }

        var outcome = await accounts.DeleteAsync(userId, request.Password, cancellationToken);
        return outcome switch
        {
            AccountDeletion.Deleted => Results.NoContent(),
            AccountDeletion.WrongPassword => RpcStatus.Of(RpcStatus.PermissionDenied, "The password is not correct.").ToResult(),
            AccountDeletion.LockedOut locked => RateLimiting.RateLimitRejection.ToResult(context, locked.RetryAfter, "Too many password attempts for this account; try again after the time in Retry-After."),
            _ => RpcStatus.Of(RpcStatus.NotFound, "The account no longer exists.").ToResult(),
        };
    }
}
