using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace PortfolioTracker.ServiceDefaults.Auth;

/// <summary>
/// The ES256 key that signs every token, read from a PKCS#8 PEM file (created on first use),
/// and its public half as a JWK. Loaded once; the private key never leaves this object.
/// </summary>
public sealed class SigningKey
{
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyDirectory = OwnerOnlyFile | UnixFileMode.UserExecute;

    private SigningKey(ECDsa key)
    {
        var parameters = key.ExportParameters(includePrivateParameters: false);
        X = Base64UrlEncoder.Encode(parameters.Q.X!);
        Y = Base64UrlEncoder.Encode(parameters.Q.Y!);
        KeyId = Thumbprint(X, Y);
        Credentials = new SigningCredentials(new ECDsaSecurityKey(key) { KeyId = KeyId }, SecurityAlgorithms.EcdsaSha256);
    }

    /// <summary>RFC 7638 thumbprint (base64url), so the kid is stable for as long as the key is.</summary>
    public string KeyId { get; }

    public string X { get; }

    public string Y { get; }

    public SigningCredentials Credentials { get; }

    /// <summary>The public JWK as JWKS publishes it: no private parameter, ever.</summary>
    public object PublicJwk => new { kty = "EC", crv = "P-256", x = X, y = Y, kid = KeyId, use = "sig", alg = "ES256" };

    /// <summary>Reads the key at <paramref name="path"/>, creating it first if it does not exist.</summary>
    public static SigningKey LoadOrCreate(string path, out bool created)
    {
        created = !File.Exists(path) && TryCreate(path);
        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(path));
            // ES256 means P-256 exactly; other 256-bit curves (secp256k1) would sign tokens nobody verifies.
            if (key.ExportParameters(includePrivateParameters: false).Curve.Oid.Value != ECCurve.NamedCurves.nistP256.Oid.Value)
            {
                throw new InvalidOperationException($"The signing key at {path} is not a P-256 key.");
            }
            return new SigningKey(key);
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    private static bool TryCreate(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pem = key.ExportPkcs8PrivateKeyPem();

        // Write a temporary file that is owner-only from the moment it exists, then move it
        // into place without overwriting: never a world-readable window, and a gateway that
        // starts concurrently keeps whichever key got there first.
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
        }
        else
        {
            Directory.CreateDirectory(directory, OwnerOnlyDirectory);
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temporary, options))
            {
                stream.Write(Encoding.ASCII.GetBytes(pem));
                stream.Flush(flushToDisk: true);
            }
            File.Move(temporary, path, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            return false;
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    private static string Thumbprint(string x, string y)
    {
        // Required members only, in lexicographic order, no whitespace (RFC 7638 §3.2).
        var canonical = $$"""{"crv":"P-256","kty":"EC","x":"{{x}}","y":"{{y}}"}""";
        return Base64UrlEncoder.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }
}
