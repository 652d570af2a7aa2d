using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace PortfolioTracker.Operations.Backups;

/// <summary>
/// The sidecar of a backup file (<c>NAME.manifest.json</c>): what was dumped, from which server,
/// the encrypted file's SHA-256, and every table's row count and checksum. Signed with an HMAC
/// derived from the backup key, so a restore trusts it no more than the backup itself.
/// </summary>
public sealed record BackupManifest(
    int FormatVersion,
    string Database,
    DateTimeOffset CreatedAt,
    string ServerVersion,
    string PgDumpVersion,
    string KeyId,
    string FileSha256,
    long FileBytes,
    IReadOnlyList<TableChecksum> Tables,
    string? Signature = null)
{
    public const int CurrentFormatVersion = 1;
    public const string Suffix = ".manifest.json";
    private const string SignaturePurpose = "portfolio-tracker backup v1 manifest";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static string PathFor(string backupPath) => backupPath + Suffix;

    public BackupManifest Sign(BackupKey key) => this with { Signature = ComputeSignature(key) };

    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, Json), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Reads and checks the manifest of <paramref name="backupPath"/>; refuses one that is missing, changed or for another key.</summary>
    public static async Task<BackupManifest> ReadVerifiedAsync(string backupPath, BackupKey key, CancellationToken cancellationToken)
    {
        var path = PathFor(backupPath);
        if (!File.Exists(path))
        {
            throw new OperationFailedException($"no manifest beside the backup ({path}): an incomplete backup, or not one of this suite");
        }
        BackupManifest? manifest;
        try
        {
            manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, cancellationToken), Json);
        }
        catch (JsonException)
        {
            manifest = null;
        }
        if (manifest is null || manifest.FormatVersion != CurrentFormatVersion || manifest.Tables is null)
        {
            throw new OperationFailedException($"the manifest {path} is not readable (format version {CurrentFormatVersion} expected)");
        }
        if (manifest.KeyId != key.Id)
        {
            throw new OperationFailedException($"the backup was encrypted with another key than {key.Path}");
        }
        var expected = Encoding.ASCII.GetBytes(manifest.ComputeSignature(key));
        if (manifest.Signature is null
            || !CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(manifest.Signature)))
        {
            throw new OperationFailedException($"the manifest {path} fails its signature: it was changed after the backup");
        }
        return manifest;
    }

    private string ComputeSignature(BackupKey key)
    {
        var unsigned = JsonSerializer.Serialize(this with { Signature = null }, Json);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key.Derive(SignaturePurpose), Encoding.UTF8.GetBytes(unsigned)));
    }
}
