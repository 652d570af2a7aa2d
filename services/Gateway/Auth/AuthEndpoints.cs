using Microsoft.AspNetCore.Mvc;
using PortfolioTracker.Gateway.OpenApi;
using PortfolioTracker.Gateway.RateLimiting;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>The <c>/v1/auth</c> routes of API.md. Anonymous by nature: they hand out the tokens.</summary>
public static class AuthEndpoints
{
    private static readonly IResult InvalidCredentials =
        RpcStatus.Of(RpcStatus.Unauthenticated, "Invalid email or password.").ToResult();

    private static readonly IResult InvalidRefreshToken =
        RpcStatus.Of(RpcStatus.Unauthenticated, "The refresh token is invalid, expired or revoked.").ToResult();

    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/v1/auth").AllowAnonymous().WithTags("Auth");
        auth.MapPost("/signup", SignUpAsync)
            .WithSummary("Creates an account and signs it in.")
            .Accepts<CredentialsRequest>("application/json").Produces<TokenResponse>()
            .ProducesRpcStatus(StatusCodes.Status400BadRequest, StatusCodes.Status409Conflict, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", LoginAsync)
            .WithSummary("Signs in with email and password.")
            .Accepts<CredentialsRequest>("application/json").Produces<TokenResponse>()
            .ProducesRpcStatus(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/refresh", RefreshAsync)
            .WithSummary("Trades a refresh token for new tokens; the old refresh token stops working.")
            .Accepts<RefreshTokenRequest>("application/json").Produces<TokenResponse>()
            .ProducesRpcStatus(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", LogoutAsync)
            .WithSummary("Revokes the refresh token.")
            .Accepts<RefreshTokenRequest>("application/json").Produces(StatusCodes.Status204NoContent)
            .ProducesRpcStatus(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<IResult> SignUpAsync(HttpContext context, [FromServices] AuthService auth, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<CredentialsRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }
        var violations = AuthValidation.ValidateSignUp(request, out var email);
        if (violations.Count > 0)
        {
            return RpcStatus.BadRequest("Invalid sign-up request.", violations).ToResult();
        }

        var tokens = await auth.SignUpAsync(email, request.Password!, cancellationToken);
        return tokens is null
            ? RpcStatus.Of(RpcStatus.AlreadyExists, "An account with this email already exists.").ToResult()
            : Tokens(context, tokens);
    }

    private static async Task<IResult> LoginAsync(HttpContext context, [FromServices] AuthService auth, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<CredentialsRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }
        var violations = AuthValidation.ValidateLogin(request, out var email);
        if (violations.Count > 0)
        {
            return RpcStatus.BadRequest("Invalid login request.", violations).ToResult();
        }

        var result = await auth.LoginAsync(email, request.Password!, cancellationToken);
        if (result.LockedFor is { } lockedFor)
        {
            return RateLimitRejection.ToResult(context, lockedFor, "Too many login attempts for this account; try again after the time in Retry-After.");
        }
        return result.Tokens is null ? InvalidCredentials : Tokens(context, result.Tokens);
    }

    private static async Task<IResult> RefreshAsync(HttpContext context, [FromServices] AuthService auth, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<RefreshTokenRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }
        var violations = AuthValidation.ValidateRefreshToken(request);
        if (violations.Count > 0)
        {
            return RpcStatus.BadRequest("Invalid refresh request.", violations).ToResult();
        }

        var tokens = await auth.RefreshAsync(request.RefreshToken!, cancellationToken);
        return tokens is null ? InvalidRefreshToken : Tokens(context, tokens);
    }

    private static async Task<IResult> LogoutAsync(HttpContext context, [FromServices] AuthService auth, CancellationToken cancellationToken)
    {
        var (request, error) = await JsonBody.ReadAsync<RefreshTokenRequest>(context.Request, cancellationToken);
        if (request is null)
        {
            return error!;
        }
        var violations = AuthValidation.ValidateRefreshToken(request);
        if (violations.Count > 0)
        {
            return RpcStatus.BadRequest("Invalid logout request.", violations).ToResult();
        }

        // Idempotent: an unknown or already revoked token is logged out just the same.
        await auth.LogoutAsync(request.RefreshToken!, cancellationToken);
        return Results.NoContent();
    }

    private static IResult Tokens(HttpContext context, TokenResponse tokens)
    {
        // RFC 6749 §5.1: responses carrying tokens must not be cached.
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers.Pragma = "no-cache";
        return Results.Ok(tokens);
    }
}
