using System.Globalization;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// <c>Gateway mint-service-token [--minutes N]</c>: prints a <c>service_role</c> token signed
/// with the gateway's key, for ingestion jobs and admin routes. Runs without the web host or
/// the database; the only thing it writes to stdout is the token.
/// </summary>
public static class MintServiceTokenCommand
{
    public const string Name = "mint-service-token";
    private const int DefaultMinutes = 60;
    private const int MaxMinutes = 60 * 24 * 365;

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static int Run(string[] args, IConfiguration configuration, IHostEnvironment environment)
    {
        if (!TryParseMinutes(args, out var minutes))
        {
            Console.Error.WriteLine($"usage: {Name} [--minutes N]   (1 <= N <= {MaxMinutes}, default {DefaultMinutes})");
            return 2;
        }

        var options = AuthOptions.Read(configuration, environment);
        var key = SigningKey.LoadOrCreate(options.SigningKeyPath!, out var created);
        if (created)
        {
            Console.Error.WriteLine($"Created a new signing key at {options.SigningKeyPath}.");
        }
        var issuer = new TokenIssuer(key, options, TimeProvider.System);
        Console.Out.WriteLine(issuer.IssueServiceToken(TimeSpan.FromMinutes(minutes)));
        return 0;
    }

    private static bool TryParseMinutes(string[] args, out int minutes)
    {
        minutes = DefaultMinutes;
        return args.Length switch
        {
            1 => true,
            3 when args[1] == "--minutes" => int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out minutes)
                && minutes is >= 1 and <= MaxMinutes,
            _ => false,
        };
    }
}
