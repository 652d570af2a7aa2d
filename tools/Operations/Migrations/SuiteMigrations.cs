using PortfolioTracker.Db;
using PortfolioTracker.Operations.Connection;

namespace PortfolioTracker.Operations.Migrations;

/// <summary>One migration as <c>migrate status</c> lists it.</summary>
public sealed record MigrationLine(int Version, string Name, string State, DateTimeOffset? AppliedAt);

public sealed record MigrationReport(IReadOnlyList<MigrationLine> Migrations)
{
    /// <summary>Edited or unknown applied migrations block up and down.</summary>
    public bool HasProblems => Migrations.Any(m => m.State is "changed" or "unknown");
}

/// <summary>
/// The migrator's runner (<c>db/Migrator</c>) pointed at the suite, plus what the run command
/// does after <c>up</c>: the passwords of the authenticator, monitoring and backup logins, from
/// the migrator's environment variables or else <c>.local/secrets</c>.
/// </summary>
public sealed class SuiteMigrations(SuiteConnection connection, string? migrationsDirectory = null)
{
    public const string AuthenticatorPasswordFile = "authenticator.password";

    /// <summary>Each login's secret file, as the run command names it.</summary>
    private static readonly Dictionary<string, string> PasswordFiles = new()
    {
        ["authenticator"] = AuthenticatorPasswordFile,
        ["ops_monitor"] = Health.MonitorLogin.PasswordFile,
        ["backup_reader"] = Backups.BackupReaderLogin.PasswordFile,
    };

    private readonly MigrationRunner _runner = new(connection.AdminConnectionString, migrationsDirectory);

    public async Task<int> UpAsync(CancellationToken cancellationToken = default)
    {
        var applied = await _runner.UpAsync(cancellationToken);
        foreach (var (variable, role) in MigrationRunner.LoginPasswordVariables)
        {
            var password = Environment.GetEnvironmentVariable(variable) ?? ReadSecret(PasswordFiles[role]);
            if (!string.IsNullOrEmpty(password))
            {
                await _runner.SetLoginPasswordAsync(role, password, cancellationToken);
            }
        }
        return applied;
    }

    public Task<int> DownAsync(int toVersion, CancellationToken cancellationToken = default) =>
        _runner.DownAsync(toVersion, cancellationToken);

    public async Task<MigrationReport> StatusAsync(CancellationToken cancellationToken = default)
    {
        var statuses = await _runner.StatusAsync(cancellationToken);
        return new MigrationReport([.. statuses.Select(s => new MigrationLine(s.Version, s.Name, s.State.ToString().ToLowerInvariant(), s.AppliedAt))]);
    }

    private string? ReadSecret(string name)
    {
        var path = Path.Combine(connection.SecretsDirectory, name);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
