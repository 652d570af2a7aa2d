using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Profile;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Profile;

/// <summary>Saves the caller's profile; figures cached in the old base currency must not outlive the change.</summary>
public sealed class ProfileWriter(RlsDatabase database, ProfileRepository profiles, UserDataChanged userDataChanged)
{
    public async Task<UserProfile> SaveAsync(DbClaims claims, Guid userId, UserProfile profile, CancellationToken ct)
    {
        var stored = await database.RunAsync(claims, session => profiles.UpsertAsync(session, userId, profile, ct), ct);
        await userDataChanged.AfterWriteAsync(claims, userId, "profile changed", ct);
        return stored;
    }
}
