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
        var positions = response.Positions.Select(p => new DomainPosition(
            Guid.Parse(p.PortfolioId), p.Symbol, Parse(p.Quantity), DecimalText.TryParse(p.AveragePrice, out var average) ? average : null,
            p.Currency.Length == 0 ? null : p.Currency,
            [.. p.Changes.Select(c => new DomainShareChange(
                DateOnly.ParseExact(c.Date, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                DomainShareChange.ParseKind(c.TransactionType) ?? ShareChangeKind.Buy, Parse(c.Quantity)))])).ToList();
        return (response.LedgerVersion, positions);
    }

    private static decimal Parse(string text) => DecimalText.TryParse(text, out var value) ? value : 0m;
}
