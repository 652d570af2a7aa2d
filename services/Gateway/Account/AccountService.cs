using PortfolioTracker.Gateway.Auth;
using PortfolioTracker.Gateway.Auth.Data;
using PortfolioTracker.Gateway.RateLimiting;
using PortfolioTracker.Operations.UserData;

namespace PortfolioTracker.Gateway.Account;

/// <summary>How an account deletion ended.</summary>
public abstract record AccountDeletion
{
    public sealed record Deleted : AccountDeletion;

    public sealed record WrongPassword : AccountDeletion;

    public sealed record LockedOut(TimeSpan RetryAfter) : AccountDeletion;

    public sealed record NotFound : AccountDeletion;
}

/// <summary>
/// Self-service export and deletion. The export runs under the caller's own token (RLS decides
/// what is theirs; the operator's export code writes it); the deletion checks the current
/// password like a login (same lockout count) and removes the account in one transaction, the
/// rows it owns going with it by their foreign keys.
/// </summary>
public sealed partial class AccountService(
    RlsDatabase database,
    UserStore users,
    PasswordHasher passwords,
    LoginLockout lockout,
    ILogger<AccountService> logger)
{
    /// <summary>The caller's export in a temporary owner-only file (deleted when the stream closes); null when the account is gone.</summary>
    public async Task<FileStream?> ExportAsync(Guid userId, DbClaims claims, CancellationToken cancellationToken)
    {
        var account = await users.AccountJsonAsync(userId, cancellationToken);
        if (account is null)
        {
            return null;
        }
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.ReadWrite,
            Options = FileOptions.DeleteOnClose | FileOptions.Asynchronous,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var file = new FileStream(Path.Combine(Path.GetTempPath(), $"pt-export-{Guid.NewGuid():N}.json"), options);
        try
        {
            await database.RunAsync(claims, async session =>
            {
                file.SetLength(0); // a retried unit of work starts the document again
                await session.EnsureClaimsAppliedAsync(cancellationToken);
                return await UserExporter.WriteAsync(session.Connection, session.Transaction, userId, UserExportFormat.SelfServiceScope, file, account, cancellationToken);
            }, cancellationToken);
            file.Position = 0;
            LogExported(userId);
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public async Task<AccountDeletion> DeleteAsync(Guid userId, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByIdAsync(userId, cancellationToken);
        if (user is null)
        {
            passwords.VerifyAgainstDummy(password);
            return new AccountDeletion.NotFound();
        }
        if (await lockout.CountAttemptAsync(user.Email, cancellationToken) is { } lockedFor)
        {
            return new AccountDeletion.LockedOut(lockedFor);
        }
        if (!passwords.Verify(password, user.PasswordHash))
        {
            LogWrongPassword(userId);
            return new AccountDeletion.WrongPassword();
        }
        if (!await users.DeleteAsync(userId, cancellationToken))
        {
            return new AccountDeletion.NotFound();
        }
        LogDeleted(userId);
        return new AccountDeletion.Deleted();
    }

    // Ids only: no email, password or token in the logs.
    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} exported their data")]
    private partial void LogExported(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "User {UserId} deleted their account")]
    private partial void LogDeleted(Guid userId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Wrong password for deleting the account of user {UserId}")]
    private partial void LogWrongPassword(Guid userId);
}
