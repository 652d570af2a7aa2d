using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Konscious.Security.Cryptography;

namespace PortfolioTracker.Gateway.Auth;

/// <summary>
/// Argon2id with OWASP's minimum parameters, stored as a self-describing PHC string
/// (<c>$argon2id$v=19$m=19456,t=2,p=1$salt$hash</c>) so the parameters can be raised later
/// without breaking the hashes already stored.
/// </summary>
public sealed class PasswordHasher
{
    private const int MemoryKib = 19456;
    private const int Iterations = 2;
    private const int Parallelism = 1;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the email is unknown, so that answer costs as long as a wrong
    // password. Computed up front so the first such login is not the slow one.
    private readonly string _dummyHash;

    public PasswordHasher() => _dummyHash = Hash("not-a-real-password");

    public string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Derive(password, salt, MemoryKib, Iterations, Parallelism, HashBytes);
        return $"$argon2id$v=19$m={MemoryKib},t={Iterations},p={Parallelism}${Encode(salt)}${Encode(hash)}";
    }

    public bool Verify(string password, string stored)
    {
        if (!TryParse(stored, out var memory, out var iterations, out var parallelism, out var salt, out var expected))
        {
            return false;
        }
        var actual = Derive(password, salt, memory, iterations, parallelism, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Burns the same time as a real verification and always fails.</summary>
    public void VerifyAgainstDummy(string password) => Verify(password, _dummyHash);

    private static byte[] Derive(string password, byte[] salt, int memoryKib, int iterations, int parallelism, int length)
    {
        using var argon2 = new Argon2id(Encoding.UTF8.GetBytes(password))
        {
            Salt = salt,
            MemorySize = memoryKib,
            Iterations = iterations,
            DegreeOfParallelism = parallelism,
        };
        return argon2.GetBytes(length);
    }

    private static bool TryParse(string stored, out int memory, out int iterations, out int parallelism, out byte[] salt, out byte[] hash)
    {
        memory = iterations = parallelism = 0;
        salt = hash = [];

        // "", "argon2id", "v=19", "m=…,t=…,p=…", salt, hash
        var parts = stored.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0 || parts[1] != "argon2id" || parts[2] != "v=19")
        {
            return false;
        }

        foreach (var parameter in parts[3].Split(','))
        {
            var (name, value) = parameter.Split('=', 2) is [var n, var v] ? (n, v) : ("", "");
            if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            switch (name)
            {
                case "m": memory = number; break;
                case "t": iterations = number; break;
                case "p": parallelism = number; break;
                default: return false;
            }
        }

        // Bounds keep a corrupted row from turning a login into a memory or CPU bomb.
        return memory is >= 8 and <= 1_048_576 && iterations is >= 1 and <= 16 && parallelism is >= 1 and <= 16
            && TryDecode(parts[4], out salt) && salt.Length >= 8
            && TryDecode(parts[5], out hash) && hash.Length >= 16;
    }

    // PHC strings use standard base64 without padding.
    private static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        var padded = text.PadRight(text.Length + (4 - text.Length % 4) % 4, '=');
        bytes = new byte[padded.Length * 3 / 4];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }
        return false;
    }
}
