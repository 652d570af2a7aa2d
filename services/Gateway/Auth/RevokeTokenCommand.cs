using Npgsql;
using PortfolioTracker.Gateway.Auth.Data;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// <c>Gateway revoke-token --jti ID</c>: records a token's id in <c>auth.revoked_tokens</c>, so
/// every service refuses the token within seconds although its signature and expiry are
/// still good. Connects as the services do (<c>ConnectionStrings:portfolio-db</c>, role
/// <c>authenticator</c>), working as <c>auth_admin</c>.
/// </summary>
public static class RevokeTokenCommand
{
    public const string Name = "revoke-token";

    public static bool IsRequested(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration)
    {
        if (args is not [_, "--jti", var text] || !Guid.TryParse(text, out var tokenId))
        {
            Console.Error.WriteLine($"usage: {Name} --jti TOKEN-ID   (the id mint-service-token printed)");
            return 2;
        }
        var connectionString = configuration.GetConnectionString(DatabaseExtensions.ConnectionName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Console.Error.WriteLine($"Set ConnectionStrings__{DatabaseExtensions.ConnectionName} (the authenticator's connection string).");
            return 2;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var added = await new RevokedTokenStore(new RlsDatabase(dataSource)).RevokeAsync(tokenId, CancellationToken.None);
        Console.Error.WriteLine(added ? $"Revoked token {tokenId}." : $"Token {tokenId} was already revoked.");
        return 0;
    }
}
