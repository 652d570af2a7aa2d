using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// Every service verifies the caller's token itself (signature against the gateway's
/// published keys, issuer, audience, expiry) and turns it into the claims its database
/// session runs with. Nothing is read from a token before that.
/// </summary>
public static class JwtValidationExtensions
{
    public static TBuilder AddJwtValidation<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        builder.Services.AddOptions<TokenSettings>()
            .BindConfiguration(TokenSettings.Section)
            .PostConfigure<IConfiguration>((settings, configuration) => settings.ResolveAuthority(configuration))
            .ValidateDataAnnotations()
            .Validate(settings => settings.HasAbsoluteAuthority(), "Auth:Authority must be an absolute http or https address.")
            .ValidateOnStart();
        builder.Services.AddSingleton<RevokedTokens>();
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(options =>
            {
                options.MapInboundClaims = false;
                options.Events = new JwtBearerEvents
                {
                    OnTokenValidated = AttachDatabaseClaims,
                    OnChallenge = UnauthenticatedResponse.WriteAsync,
                };
            });
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<TokenSettings>>((options, tokens) =>
            {
                var settings = tokens.Value;
                options.MetadataAddress = settings.MetadataAddress;
                // Plain http only on the loopback/dev network the AppHost builds; set Auth:Authority to https elsewhere.
                options.RequireHttpsMetadata = settings.MetadataAddress.StartsWith("https:", StringComparison.Ordinal);
                options.TokenValidationParameters = settings.ValidationParameters();
            });
        // Every endpoint needs a verified caller unless it says otherwise (health checks do), so
        // a newly mapped gRPC service cannot be left open by a forgotten RequireAuthorization().
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        return builder;
    }

    private static async Task AttachDatabaseClaims(TokenValidatedContext context)
    {
        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("Unsupported token type.");
            return;
        }

        // A signed, unexpired token can still have been revoked by its id (a leaked service token).
        var revoked = context.HttpContext.RequestServices.GetRequiredService<RevokedTokens>();
        if (await revoked.IsRevokedAsync(token.Id, context.HttpContext.RequestAborted))
        {
            context.Fail("The token has been revoked.");
            return;
        }

        try
        {
            var payload = Base64UrlEncoder.Decode(token.EncodedPayload);
            context.HttpContext.Items[typeof(DbClaims)] = DbClaims.FromVerifiedToken(payload);
        }
        catch (InvalidOperationException exception)
        {
            context.Fail(exception.Message);
        }
    }

    /// <summary>The verified caller, as the database session needs it.</summary>
    public static DbClaims GetDbClaims(this HttpContext httpContext) =>
        httpContext.Items[typeof(DbClaims)] as DbClaims
        ?? throw new InvalidOperationException("No verified token on this request; is the endpoint marked AllowAnonymous?");
}
