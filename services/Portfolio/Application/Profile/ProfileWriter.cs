using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Profile;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Profile;

/// <summary>
/// Saves the caller's profile; figures cached in the old base currency must not outlive the change.
/// A new base currency must be one MarketData can convert into (<see cref="BaseCurrencyCoverage"/>);
/// an unchanged one is not asked again, so names can be edited while MarketData is away.
/// </summary>
public sealed class ProfileWriter(
    RlsDatabase database, ProfileRepository profiles, BaseCurrencyCoverage coverage, UserDataChanged userDataChanged)
{
    public async Task<ValidationResult<UserProfile>> SaveAsync(DbClaims claims, Guid userId, UserProfile profile, CancellationToken ct)
    {
        var (storedBase, traded) = await database.RunAsync(claims, session => profiles.CurrenciesAsync(session, userId, ct), ct);
        if (profile.BaseCurrency != (storedBase ?? UserProfile.DefaultBaseCurrency))
        {
            var missing = await coverage.UnconvertibleAsync(profile.BaseCurrency, traded, ct);
            if (missing.Count > 0)
            {
                return ValidationResult<UserProfile>.Invalid([new("baseCurrency",
                    $"has no FX rates from {string.Join(", ", missing)}; choose a currency market data can convert into.")]);
            }
        }
        var stored = await database.RunAsync(claims, session => profiles.UpsertAsync(session, userId, profile, ct), ct);
        await userDataChanged.AfterWriteAsync(claims, userId, "profile changed", ct);
        return ValidationResult<UserProfile>.Valid(stored);
    }
}
