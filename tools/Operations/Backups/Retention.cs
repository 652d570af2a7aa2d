using System.Text.RegularExpressions;

namespace PortfolioTracker.Operations.Backups;

/// <summary>
/// Keeps the newest N scheduled or manual backups of a database in a folder (file names sort by
/// their UTC timestamp) and deletes older ones with their manifests. Labelled backups (a restore's
/// safety copy) are never counted or deleted here.
/// </summary>
public static partial class Retention
{
    public static IReadOnlyList<string> Apply(string directory, string database, int keep)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(keep, 1);
        var pattern = RegularName();
        var backups = Directory.EnumerateFiles(directory, $"{database}-*{DatabaseBackup.Extension}")
            .Where(path => pattern.IsMatch(Path.GetFileName(path)[(database.Length + 1)..]))
            .OrderByDescending(path => Path.GetFileName(path), StringComparer.Ordinal)
            .ToList();
        var removed = new List<string>();
        foreach (var old in backups.Skip(keep))
        {
            File.Delete(BackupManifest.PathFor(old));
            File.Delete(old);
            removed.Add(old);
        }
        return removed;
    }

    [GeneratedRegex(@"^\d{8}T\d{9}Z\.ptbackup$")]
    private static partial Regex RegularName();
}
