using System.CommandLine;
using PortfolioTracker.Operations.Connection;
using PortfolioTracker.Operations.Tokens;
using PortfolioTracker.Operator.Console;

namespace PortfolioTracker.Operator.Commands;

/// <summary>
/// <c>token [--minutes N]</c>: a service-role token signed with the gateway's key. Only the
/// token goes to stdout (so <c>TOKEN=$(… token)</c> works); its id, to revoke it, to stderr.
/// </summary>
public static class TokenCommand
{
    public static Command Create(CommandActions actions)
    {
        var minutes = new Option<int>("--minutes")
        {
            Description = "How long the token lives, 1 to Auth__MaxServiceTokenMinutes (60).",
            DefaultValueFactory = _ => ServiceTokens.MaxMinutes(),
        };
        minutes.Validators.Add(result =>
        {
            var max = ServiceTokens.MaxMinutes();
            if (result.GetValueOrDefault<int>() is < 1 || result.GetValueOrDefault<int>() > max)
            {
                result.AddError($"--minutes must be between 1 and {max} (Auth__MaxServiceTokenMinutes)");
            }
        });
        var command = new Command("token", "Mint a service-role token for admin routes and ingestion jobs, signed with the gateway's key (.local/keys).") { minutes };
        actions.Set(command, run =>
        {
            var minted = ServiceTokens.Mint(SuiteConnection.SigningKeyPathIn(run.StateDirectory), run.Value(minutes));
            if (run.Json)
            {
                return Task.FromResult(run.Report(new { token = minted.Token, tokenId = minted.TokenId, expiresAt = minted.ExpiresAt }, _ => { }));
            }
            run.Console.Output.WriteLine(minted.Token);
            run.Console.Error.WriteLine($"Token id (jti): {minted.TokenId}, expires {minted.ExpiresAt:u}; revoke it with: dotnet run --project services/Gateway -- revoke-token --jti {minted.TokenId}");
            return Task.FromResult(ExitCodes.Ok);
        });
        return command;
    }
}
