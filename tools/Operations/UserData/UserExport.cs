using Npgsql;

namespace PortfolioTracker.Operations.UserData;

/// <summary>What <c>export-user</c> wrote.</summary>
public sealed record ExportResult(Guid UserId, IReadOnlyList<TableRows> Tables);

/// <summary><c>export-user</c>: one user's full export, as an administrator, in one snapshot.</summary>
public static class UserExport
{
    /// <summary>Finds the user by id or email (emails are stored NFKC, lower-cased, as sign-up stores them).</summary>
    public static async Task<Guid> FindUserAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string emailOrId, CancellationToken cancellationToken)
    {
        await using var command = Guid.TryParse(emailOrId, out var id)
            ? new NpgsqlCommand("select id from auth.users where id = $1", connection, transaction) { Parameters = { new() { Value = id } } }
            : new NpgsqlCommand("select id from auth.users where email = lower(normalize($1, NFKC))", connection, transaction) { Parameters = { new() { Value = emailOrId } } };
        return await command.ExecuteScalarAsync(cancellationToken) is Guid found
            ? found
            : throw new OperationFailedException($"no user {emailOrId}");
    }

    public static async Task<ExportResult> ExportAsync(string adminConnectionString, string emailOrId, Stream output, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var userId = await FindUserAsync(connection, transaction, emailOrId, cancellationToken);
        var tables = await UserExporter.WriteAsync(connection, transaction, userId, UserExportFormat.FullScope, output, cancellationToken: cancellationToken);
        return new ExportResult(userId, tables);
    }

    /// <summary>Exports into <paramref name="path"/> through a <c>.tmp</c> file (owner-only: it holds personal data), renamed when complete.</summary>
    public static async Task<ExportResult> ExportToFileAsync(string adminConnectionString, string emailOrId, string path, CancellationToken cancellationToken = default)
    {
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            ExportResult result;
            await using (var file = new FileStream(temporary, options))
            {
                result = await ExportAsync(adminConnectionString, emailOrId, file, cancellationToken);
            }
            File.Move(temporary, path, overwrite: true);
            return result;
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
