using PortfolioTracker.Dividends.Domain;
using PortfolioTracker.Protos.Portfolio.V1;
using DomainPosition = PortfolioTracker.Dividends.Domain.PositionHistory;
using DomainShareChange = PortfolioTracker.Dividends.Domain.ShareChange;

namespace PortfolioTracker.Dividends.Application;

/// <summary>A user's share history from the Portfolio service, in one call, as domain records.</summary>
public sealed class LedgerReader(DividendLedgerService.DividendLedgerServiceClient ledger)
{
    /// <summary>
    /// Null positions when the ledger is still at <paramref name="knownVersion"/>. Without
    /// <paramref name="serviceHeaders"/> the caller's own token goes on; with them (the background
    /// sync) the service credential does, naming <paramref name="userId"/>.
    /// </summary>
    public async Task<(long Version, IReadOnlyList<DomainPosition>? Positions)> ReadAsync(
        Guid userId, long knownVersion, Metadata? serviceHeaders, CancellationToken ct)
    {
        var request = new GetShareHistoryRequest { KnownLedgerVersion = knownVersion, UserId = userId.ToString() };
        var response = await RemoteCalls.RunAsync(o => ledger.GetShareHistoryAsync(request, o), ct, serviceHeaders);
        if (response.Unchanged)
        {
            return (response.LedgerVersion, null);
        }
        return (response.LedgerVersion, ToDomain(response));
    }

    /// <summary>The answer's positions as domain records, each one's packed changes unpacked in order.</summary>
    public static List<DomainPosition> ToDomain(GetShareHistoryResponse response)
    {
        using var mapping = SyncSteps.Start(SyncSteps.ShareHistoryMapping);
        var positions = new List<DomainPosition>(response.Positions.Count);
        foreach (var p in response.Positions)
        {
            var count = Math.Min(p.ChangeDays.Count, Math.Min(p.ChangeTypes.Count, p.ChangeQuantities.Count));
            var changes = new DomainShareChange[count];
            for (var i = 0; i < count; i++)
            {
                changes[i] = new DomainShareChange(EpochDays.ToDate(p.ChangeDays[i]), KindOf(p.ChangeTypes[i]), Parse(p.ChangeQuantities[i]));
            }
            positions.Add(new DomainPosition(
                Guid.Parse(p.PortfolioId), p.Symbol, Parse(p.Quantity), DecimalText.TryParse(p.AveragePrice, out var average) ? average : null,
                p.Currency.Length == 0 ? null : p.Currency, changes));
        }
        return positions;
    }

    private static ShareChangeKind KindOf(ShareChangeType type) => type switch
    {
        ShareChangeType.Sell => ShareChangeKind.Sell,
        ShareChangeType.Split => ShareChangeKind.Split,
        _ => ShareChangeKind.Buy,
    };

    private static decimal Parse(string text) => DecimalText.TryParse(text, out var value) ? value : 0m;
}
