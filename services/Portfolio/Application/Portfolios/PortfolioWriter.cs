using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Portfolios;

/// <summary>
/// Changes to the caller's portfolios. A change to an existing portfolio ends with
/// <see cref="UserDataChanged"/> (deleting one deletes its transactions with it); creating one
/// adds an empty portfolio, which no cached figure can have read.
/// </summary>
public sealed class PortfolioWriter(RlsDatabase database, PortfolioRepository portfolios, UserDataChanged userDataChanged)
{
    public Task<PortfolioRow> CreateAsync(DbClaims claims, Guid userId, string name, string? description, CancellationToken ct) =>
        database.RunAsync(claims, async session =>
        {
            // The default portfolio exists before any other, so "first" never means "default by accident".
            await portfolios.EnsureDefaultAsync(session, userId, ct);
            return await portfolios.CreateAsync(session, userId, name, description, ct);
        }, ct);

    /// <summary>Null when the caller has no such portfolio.</summary>
    /// <param name="name">Null leaves the name as it is.</param>
    /// <param name="description">Null leaves it as it is; "" clears it.</param>
    public async Task<PortfolioRow?> UpdateAsync(DbClaims claims, Guid userId, Guid id, string? name, string? description, CancellationToken ct)
    {
        var row = await database.RunAsync(claims, session => portfolios.UpdateAsync(session, userId, id, name, description, ct), ct);
        if (row is not null)
        {
            await userDataChanged.AfterWriteAsync(claims, userId, "portfolio changed", ct);
        }
        return row;
    }

    /// <summary>Null when the caller has no such portfolio; false when it is the default one (kept).</summary>
    public async Task<bool?> DeleteAsync(DbClaims claims, Guid userId, Guid id, CancellationToken ct)
    {
        var deleted = await database.RunAsync(claims, session => portfolios.DeleteAsync(session, userId, id, ct), ct);
        if (deleted is true)
        {
            await userDataChanged.AfterWriteAsync(claims, userId, "portfolio deleted", ct);
        }
        return deleted;
    }
}
