using System.Collections.Frozen;

namespace PortfolioTracker.Gateway.Auth.Passwords;

/// <summary>
/// The bundled list of the most common passwords (<c>common-passwords.txt</c>, source and
/// licence in the README beside it), read once from the assembly's resources.
/// </summary>
public static class CommonPasswords
{
    private const string ResourceName = "PortfolioTracker.Gateway.Auth.Passwords.common-passwords.txt";

    private static readonly FrozenSet<string> List = Load();

    public static int Count => List.Count;

    /// <summary>Case-insensitive, as the list is lower-cased: "Password" is as weak as "password".</summary>
    public static bool Contains(string password) => List.Contains(password);

    private static FrozenSet<string> Load()
    {
        using var stream = typeof(CommonPasswords).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        var entries = new List<string>();
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                entries.Add(line);
            }
        }
        return entries.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
