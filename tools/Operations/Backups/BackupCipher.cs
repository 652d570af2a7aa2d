using System.Buffers.Binary;
using System.Security.Cryptography;

namespace PortfolioTracker.Operations.Backups;

/// <summary>
/// Encryption at rest for backup files: AES-256-GCM (System.Security.Cryptography) over
/// fixed-size chunks, the streaming construction of Tink and age, so a dump of any size streams
/// through in constant memory and every chunk is authenticated before a byte of it is used.
/// <code>
/// header  "PTBACKUP" | version 1 | key id (8) | salt (32)
/// chunk   length (uint32 BE) | final flag (1) | ciphertext (length) | tag (16)
/// </code>
/// Each file gets its own key, HKDF(master key, salt); chunk i's nonce is i, and the header and
/// the final flag are associated data, so a reordered, dropped, truncated, appended-to or
/// flipped byte — or another key — fails authentication.
/// </summary>
public static class BackupCipher
{
    public const int ChunkSize = 256 * 1024;
    private static readonly byte[] Magic = "PTBACKUP"u8.ToArray();
    private const byte Version = 1;
    private const int KeyIdBytes = 8;
    private const int SaltBytes = 32;
    private const int TagBytes = 16;
    private const int HeaderBytes = 8 + 1 + KeyIdBytes + SaltBytes;
    private const string DataKeyPurpose = "portfolio-tracker backup v1 data";

    public static async Task EncryptAsync(BackupKey key, Stream plaintext, Stream destination, CancellationToken cancellationToken = default)
    {
        var header = new byte[HeaderBytes];
        Magic.CopyTo(header, 0);
        header[8] = Version;
        Convert.FromHexString(key.Id).CopyTo(header, 9);
        RandomNumberGenerator.Fill(header.AsSpan(9 + KeyIdBytes));
        await destination.WriteAsync(header, cancellationToken);

        using var aes = new AesGcm(key.Derive(DataKeyPurpose, salt: header[(9 + KeyIdBytes)..]), TagBytes);
        var buffer = new byte[ChunkSize];
        var sealedChunk = new byte[5 + ChunkSize + TagBytes];
        for (ulong index = 0; ; index++)
        {
            var length = await plaintext.ReadAtLeastAsync(buffer, ChunkSize, throwOnEndOfStream: false, cancellationToken);
            // A short chunk is the last one; a full chunk at the very end is followed by an empty final one.
            var final = length < ChunkSize;
            BinaryPrimitives.WriteUInt32BigEndian(sealedChunk, (uint)length);
            sealedChunk[4] = final ? (byte)1 : (byte)0;
            aes.Encrypt(Nonce(index), buffer.AsSpan(0, length), sealedChunk.AsSpan(5, length), sealedChunk.AsSpan(5 + length, TagBytes), Associated(header, final));
            await destination.WriteAsync(sealedChunk.AsMemory(0, 5 + length + TagBytes), cancellationToken);
            if (final)
            {
                return;
            }
        }
    }

    /// <summary>
    /// Decrypts <paramref name="source"/> into <paramref name="plaintext"/> (pass
    /// <see cref="Stream.Null"/> to only verify). Throws <see cref="OperationFailedException"/>
    /// for another key, a changed byte or a file that ends early.
    /// </summary>
    public static async Task DecryptAsync(BackupKey key, Stream source, Stream plaintext, CancellationToken cancellationToken = default)
    {
        var header = new byte[HeaderBytes];
        if (await source.ReadAtLeastAsync(header, HeaderBytes, throwOnEndOfStream: false, cancellationToken) < HeaderBytes
            || !header.AsSpan(0, 8).SequenceEqual(Magic))
        {
            throw new OperationFailedException("not an encrypted backup of this suite (no PTBACKUP header)");
        }
        if (header[8] != Version)
        {
            throw new OperationFailedException($"backup format version {header[8]} is not supported (this tool reads version {Version})");
        }
        if (Convert.ToHexStringLower(header.AsSpan(9, KeyIdBytes)) != key.Id)
        {
            throw new OperationFailedException($"the backup was encrypted with another key than {key.Path}");
        }

        using var aes = new AesGcm(key.Derive(DataKeyPurpose, salt: header[(9 + KeyIdBytes)..]), TagBytes);
        var chunkHeader = new byte[5];
        var sealedChunk = new byte[ChunkSize + TagBytes];
        var buffer = new byte[ChunkSize];
        for (ulong index = 0; ; index++)
        {
            if (await source.ReadAtLeastAsync(chunkHeader, 5, throwOnEndOfStream: false, cancellationToken) < 5)
            {
                throw new OperationFailedException("the backup file ends early (an incomplete or truncated backup)");
            }
            var length = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(chunkHeader), int.MaxValue);
            var final = chunkHeader[4] == 1;
            if (length > ChunkSize || chunkHeader[4] > 1)
            {
                throw Tampered();
            }
            if (await source.ReadAtLeastAsync(sealedChunk.AsMemory(0, length + TagBytes), length + TagBytes, throwOnEndOfStream: false, cancellationToken) < length + TagBytes)
            {
                throw new OperationFailedException("the backup file ends early (an incomplete or truncated backup)");
            }
            try
            {
                aes.Decrypt(Nonce(index), sealedChunk.AsSpan(0, length), sealedChunk.AsSpan(length, TagBytes), buffer.AsSpan(0, length), Associated(header, final));
            }
            catch (AuthenticationTagMismatchException)
            {
                throw Tampered();
            }
            await plaintext.WriteAsync(buffer.AsMemory(0, length), cancellationToken);
            if (final)
            {
                if (await source.ReadAsync(chunkHeader.AsMemory(0, 1), cancellationToken) != 0)
                {
                    throw Tampered();
                }
                return;
            }
        }
    }

    private static OperationFailedException Tampered() =>
        new("the backup file fails authentication: it was changed after it was written");

    private static byte[] Nonce(ulong index)
    {
        var nonce = new byte[12];
        BinaryPrimitives.WriteUInt64BigEndian(nonce.AsSpan(4), index);
        return nonce;
    }

    private static byte[] Associated(byte[] header, bool final) => [.. header, final ? (byte)1 : (byte)0];
}
