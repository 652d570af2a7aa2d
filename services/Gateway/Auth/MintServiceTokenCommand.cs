using System.Globalization;
using PortfolioTracker.ServiceDefaults.Auth;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// <c>Gateway mint-service-token [--minutes N]</c>: prints a <c>service_role</c> token signed
/// with the gateway's key, for ingestion jobs and admin routes. Runs without the web host or
/// the database; the only thing it writes to stdout is the token (its id, to revoke it, goes
/// to stderr).
/// </summary>
public static class MintServiceTokenCommand
{
    public const string Name = "mint-service-token";
    private const int DefaultMinutes = 60;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = AuthOptions.Read(configuration, environment);
        var maxMinutes = options.MaxServiceTokenMinutes;
        if (!TryParseMinutes(args, Math.Min(DefaultMinutes, maxMinutes), out var minutes) || minutes > maxMinutes)
        {
            Console.Error.WriteLine(
                $"usage: {Name} [--minutes N]   (1 <= N <= {maxMinutes} (Auth:MaxServiceTokenMinutes), default {Math.Min(DefaultMinutes, maxMinutes)})");
            return 2;
        }

        var key = SigningKey.LoadOrCreate(options.SigningKeyPath!, out var created);
        if (created)
        {
            Console.Error.WriteLine($"Created a new signing key at {options.SigningKeyPath}.");
        }
        var issuer = new TokenIssuer(key, options, TimeProvider.System);
        var token = issuer.IssueServiceToken(TimeSpan.FromMinutes(minutes), out var tokenId);
        Console.Out.WriteLine(token);
        Console.Error.WriteLine($"Token id (jti): {tokenId}; revoke it with: {RevokeTokenCommand.Name} --jti {tokenId}");
        return 0;
    }

    private static bool TryParseMinutes(string[] args, int defaultMinutes, out int minutes)
    {
        minutes = defaultMinutes;
        return args.Length switch
        {
            1 => true,
            3 when args[1] == "--minutes" => int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out minutes)
                && minutes >= 1,
            _ => false,
        };
    }
}
