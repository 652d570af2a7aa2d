using PortfolioTracker.Gateway.Account;
using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.Gateway.Auth.Data;
using PortfolioTracker.Gateway.Auth.Passwords;
using PortfolioTracker.Gateway.Hosting;
using PortfolioTracker.Gateway.OpenApi;
using PortfolioTracker.Gateway.Proxy;
using PortfolioTracker.Gateway.RateLimiting;
using PortfolioTracker.Gateway.Reflection;
using PortfolioTracker.ServiceDefaults.Auth;
using PortfolioTracker.ServiceDefaults.Timing;

namespace PortfolioTracker.Gateway;

public static partial class Extensions
{
    public static IHostApplicationBuilder AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddTransportSecurity();
        builder.AddRequestLimits();
        builder.AddServerTiming();
        builder.AddRlsDatabase();
        builder.AddGatewayProxy();
        builder.AddGatewayRateLimiting();
        builder.AddGatewayReflection();
        builder.AddApiReference();

        builder.Services.AddOptions<AuthOptions>()
            .BindConfiguration(AuthOptions.Section)
            .PostConfigure<IHostEnvironment>((options, environment) => options.ResolvePaths(environment))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddSingleton(services => services.GetRequiredService<IOptions<AuthOptions>>().Value);
        builder.Services.AddSingleton(LoadSigningKey);
        builder.Services.AddSingleton<TokenIssuer>();
        builder.Services.AddSingleton<PasswordHasher>();
        builder.Services.AddSingleton<UserStore>();
        builder.Services.AddSingleton<RefreshTokenStore>();
        builder.Services.AddSingleton<AuthService>();
        builder.Services.AddSingleton<RevokedTokens>();
        builder.Services.AddSingleton<AccessTokens>();
        builder.Services.AddSingleton<AccountService>();
        return builder;
    }

    public static WebApplication MapGatewayEndpoints(this WebApplication app)
    {
        app.MapDefaultEndpoints();
        app.MapKeyDiscoveryEndpoints();
        app.MapAuthEndpoints();
        app.MapAccountEndpoints();
        app.MapGatewayReflection();
        app.MapApiReference();
        app.MapGatewayProxy();
        return app;
    }

    /// <summary>
    /// Loads the signing key, the password hasher and the common-password list at start: a
    /// broken key or a missing list fails the start rather than the first sign-up.
    /// </summary>
    public static WebApplication WarmUpAuth(this WebApplication app)
    {
        app.Services.GetRequiredService<SigningKey>();
        app.Services.GetRequiredService<PasswordHasher>();
        _ = CommonPasswords.Count;
        return app;
    }

    private static SigningKey LoadSigningKey(IServiceProvider services)
    {
        var path = services.GetRequiredService<AuthOptions>().SigningKeyPath!;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(SigningKey));
        var key = SigningKey.LoadOrCreate(path, out var created);
        if (created)
        {
            LogKeyCreated(logger, path, key.KeyId);
        }
        else if (!OperatingSystem.IsWindows()
            && (File.GetUnixFileMode(path) & (UnixFileMode.GroupRead | UnixFileMode.OtherRead)) != 0)
        {
            LogKeyReadableByOthers(logger, path);
        }
        return key;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Created signing key {KeyId} at {Path}")]
    private static partial void LogKeyCreated(ILogger logger, string path, string keyId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Signing key {Path} is readable by other users; chmod 600 it")]
    private static partial void LogKeyReadableByOthers(ILogger logger, string path);
}
