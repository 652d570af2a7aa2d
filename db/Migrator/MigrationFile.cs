using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace PortfolioTracker.Db;

/// <summary>
/// One numbered migration: <c>NNN_name.sql</c> and its <c>NNN_name.rollback.sql</c>.
/// </summary>
public sealed partial record MigrationFile(int Version, string Name, string UpSql, string RollbackSql, string Checksum)
{
    /// <summary>The folder the project copies the migrations to, beside the binary.</summary>
    public static string DefaultDirectory => Path.Combine(AppContext.BaseDirectory, "migrations");

    public string DisplayName => $"{Version:D3}_{Name}";

    /// <summary>Reads every migration of <paramref name="directory"/>, in version order.</summary>
    public static IReadOnlyList<MigrationFile> Discover(string directory)
    {
        if (!Directory.Exists(directory))
        {
            throw new MigrationException($"migrations folder not found: {directory}");
        }

        var migrations = new List<MigrationFile>();
        foreach (var path in Directory.EnumerateFiles(directory, "*.sql"))
        {
            var fileName = Path.GetFileName(path);
            if (fileName.EndsWith(".rollback.sql", StringComparison.Ordinal))
            {
                continue;
            }

            var match = FileNamePattern().Match(fileName);
            if (!match.Success)
            {
                throw new MigrationException($"migration file name must look like 001_name.sql: {fileName}");
            }

            var rollbackPath = Path.Combine(directory, Path.GetFileNameWithoutExtension(fileName) + ".rollback.sql");
            if (!File.Exists(rollbackPath))
            {
                throw new MigrationException($"migration {fileName} has no rollback file {Path.GetFileName(rollbackPath)}");
            }

            var upSql = File.ReadAllText(path);
            migrations.Add(new MigrationFile(
                int.Parse(match.Groups["version"].Value, System.Globalization.CultureInfo.InvariantCulture),
                match.Groups["name"].Value,
                upSql,
                File.ReadAllText(rollbackPath),
                ComputeChecksum(upSql)));
        }

        foreach (var rollback in Directory.EnumerateFiles(directory, "*.rollback.sql"))
        {
            var upFile = Path.GetFileName(rollback).Replace(".rollback.sql", ".sql", StringComparison.Ordinal);
            if (!File.Exists(Path.Combine(directory, upFile)))
            {
                throw new MigrationException($"rollback file {Path.GetFileName(rollback)} has no migration {upFile}");
            }
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new MigrationException($"more than one migration has version {duplicate.Key:D3}");
        }

        return migrations.OrderBy(m => m.Version).ToList();
    }

    /// <summary>
    /// SHA-256 of the forward script with line endings normalised, so a checkout with CRLF
    /// line endings does not look like an edited migration.
    /// </summary>
    public static string ComputeChecksum(string sql)
    {
        var normalized = sql.Replace("\r\n", "\n", StringComparison.Ordinal);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalized)));
    }

    [GeneratedRegex(@"^(?<version>\d{3,})_(?<name>[a-z0-9_]+)\.sql$")]
    private static partial Regex FileNamePattern();
}
