using System.Security.Cryptography;

namespace PortfolioTracker.Operations.Connection;

/// <summary>A login's password in the suite's secrets folder: owner-only (0600), made on first use.</summary>
public static class SecretFile
{
    /// <summary>The password in <paramref name="fileName"/> under <paramref name="secretsDirectory"/>, created when missing.</summary>
    public static string ReadOrCreatePassword(string secretsDirectory, string fileName)
    {
        var path = Path.Combine(secretsDirectory, fileName);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(secretsDirectory);
        }
        else
        {
            Directory.CreateDirectory(secretsDirectory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var password = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        try
        {
            using var writer = new StreamWriter(new FileStream(path, options));
            writer.Write(password);
            return password;
        }
        catch (IOException) when (File.Exists(path))
        {
            return File.ReadAllText(path).Trim(); // made meanwhile by another process
        }
    }
}
