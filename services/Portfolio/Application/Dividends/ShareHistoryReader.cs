using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Dividends;

/// <summary>
/// The share history dividend entitlement is computed from, in one unit of work: the ledger's
/// version first, and nothing more when the caller already holds that version.
/// </summary>
public sealed class ShareHistoryReader(RlsDatabase database, DividendLedgerRepository ledger)
{
    public Task<GetShareHistoryResponse> ReadAsync(DbClaims claims, Guid userId, long knownVersion, CancellationToken ct) =>
        database.RunAsync(claims, async session =>
        {
            var version = await ledger.LedgerVersionAsync(session, ct);
            var response = new GetShareHistoryResponse { LedgerVersion = version };
            if (knownVersion != 0 && version == knownVersion)
            {
                response.Unchanged = true;
                return response;
            }
            var changes = await ledger.ShareChangesAsync(session, userId, ct);
            var positions = (await ledger.PositionsAsync(session, userId, ct)).ToDictionary(p => (p.PortfolioId, p.Symbol));
            PositionHistory? current = null;
            foreach (var change in changes)
            {
                if (current is null || current.Symbol != change.Symbol || current.PortfolioId != change.PortfolioId.ToString())
                {
                    positions.Remove((change.PortfolioId, change.Symbol), out var now);
                    current = Position(change.PortfolioId, change.Symbol, now);
                    response.Positions.Add(current);
                }
                current.Changes.Add(new ShareChange
                {
                    Date = DateText.Format(change.Date),
                    TransactionType = change.TransactionType,
                    Quantity = DecimalText.Format(change.Quantity),
                });
            }
            // Positions without a share change (only dividends recorded) still carry their figures.
            response.Positions.AddRange(positions.Values.Select(p => Position(p.PortfolioId, p.Symbol, p)));
            return response;
        }, ct);

    private static PositionHistory Position(Guid portfolioId, string symbol, PositionNowRow? now) => new()
    {
        PortfolioId = portfolioId.ToString(),
        Symbol = symbol,
        Quantity = DecimalText.Format(now?.Quantity ?? 0m),
        AveragePrice = DecimalText.Format(now?.AveragePrice),
        Currency = now?.Currency ?? "",
    };
}
