using System.Security.Cryptography;
using System.Text;

namespace PortfolioTracker.Operations.Backups;

/// <summary>
/// The 256-bit key backups are encrypted with: a base64 file created on first use, owner-only
/// (0600) in an owner-only folder, and never inside the folder the backups go to (a copied
/// backup folder must not carry its own key).
/// </summary>
public sealed class BackupKey
{
    public const string DefaultFileName = "backup.key";
    private const int KeyBytes = 32;

    private readonly byte[] _key;

    private BackupKey(byte[] key, string path)
    {
        _key = key;
        Path = path;
        Id = Convert.ToHexStringLower(Derive("portfolio-tracker backup key id", 8));
    }

    public string Path { get; }

    /// <summary>A public fingerprint of the key (not the key): says "wrong key" apart from "tampered".</summary>
    public string Id { get; }

    /// <summary>A key for one purpose, so the data key and the manifest key are never the same bytes.</summary>
    public byte[] Derive(string purpose, int length = KeyBytes, byte[]? salt = null) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, length, salt, Encoding.UTF8.GetBytes(purpose));

    /// <summary>Reads the key, creating it first when <paramref name="create"/> and it does not exist.</summary>
    public static BackupKey Load(string path, bool create)
    {
        path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(path))
        {
            if (!create)
            {
                throw new OperationFailedException($"no backup key at {path}: the backup cannot be decrypted without the key it was made with");
            }
            TryCreate(path);
        }
        if (!OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & (UnixFileMode)0b000_111_111) != 0)
        {
            throw new OperationFailedException($"the backup key {path} is readable by others; make it owner-only (chmod 600)");
        }
        byte[] key;
        try
        {
            key = Convert.FromBase64String(File.ReadAllText(path).Trim());
        }
        catch (FormatException)
        {
            throw new OperationFailedException($"the backup key {path} is not a base64 key");
        }
        return key.Length == KeyBytes
            ? new BackupKey(key, path)
            : throw new OperationFailedException($"the backup key {path} must hold {KeyBytes} bytes");
    }

    /// <summary>Refuses a backup folder that would hold its own key.</summary>
    public static void EnsureOutside(string keyPath, string backupDirectory)
    {
        var key = System.IO.Path.GetFullPath(keyPath);
        var folder = System.IO.Path.TrimEndingDirectorySeparator(System.IO.Path.GetFullPath(backupDirectory)) + System.IO.Path.DirectorySeparatorChar;
        if (key.StartsWith(folder, StringComparison.Ordinal))
        {
            throw new OperationFailedException($"the backup key {key} must not be inside the backup folder {folder}");
        }
    }

    private static void TryCreate(string path)
    {
        var directory = System.IO.Path.GetDirectoryName(path)!;
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        // Owner-only from the moment it exists, moved into place without overwriting: two
        // first backups at once keep whichever key got there first.
        var temporary = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeyBytes)) + "\n"));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
