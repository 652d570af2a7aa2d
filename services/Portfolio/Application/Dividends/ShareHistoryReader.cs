using PortfolioTracker.Portfolio.Application.Metrics;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.Protos.Portfolio.V1;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Dividends;

/// <summary>
/// The share history dividend entitlement is computed from, in one unit of work: the ledger's
/// version first, and nothing more when the caller already holds that version; else the share
/// changes of the user's current ledger as the metrics hold it (<see cref="LedgerSource"/>: one
/// version check when it is held and current, not a read of every transaction).
/// </summary>
public sealed class ShareHistoryReader(RlsDatabase database, DividendLedgerRepository ledger, LedgerSource ledgers)
{
    public Task<GetShareHistoryResponse> ReadAsync(DbClaims claims, Guid userId, long knownVersion, CancellationToken ct) =>
        database.RunAsync(claims, async session =>
        {
            if (knownVersion != 0 && await ledger.LedgerVersionAsync(session, ct) == knownVersion)
            {
                return new GetShareHistoryResponse { LedgerVersion = knownVersion, Unchanged = true };
            }
            var (current, _) = await ledgers.ReadAsync(session, userId, portfolioId: null, ct);
            var response = new GetShareHistoryResponse { LedgerVersion = current!.Version };
            var positions = (await ledger.PositionsAsync(session, userId, ct)).ToDictionary(p => (p.PortfolioId, p.Symbol));
            // Each position's changes together, in processing order; positions in a fixed order.
            var histories = new SortedDictionary<(Guid PortfolioId, string Symbol), PositionHistory>(PositionOrder);
            foreach (var (portfolioId, entry) in current.WithPortfolios())
            {
                if (TypeOf(entry.Type) is not (var type and not ShareChangeType.Unspecified))
                {
                    continue;
                }
                if (!histories.TryGetValue((portfolioId, entry.Symbol), out var history))
                {
                    positions.Remove((portfolioId, entry.Symbol), out var now);
                    histories[(portfolioId, entry.Symbol)] = history = Position(portfolioId, entry.Symbol, now);
                }
                history.ChangeDays.Add(EpochDays.From(entry.Date));
                history.ChangeTypes.Add(type);
                history.ChangeQuantities.Add(DecimalText.Format(entry.Quantity));
            }
            response.Positions.AddRange(histories.Values);
            // Positions without a share change (only dividends recorded) still carry their figures.
            response.Positions.AddRange(positions.Values.Select(p => Position(p.PortfolioId, p.Symbol, p)));
            return response;
        }, ct);

    // Positions by portfolio, then symbol (ordinal): a fixed order for the answer.
    private static readonly Comparer<(Guid PortfolioId, string Symbol)> PositionOrder = Comparer<(Guid PortfolioId, string Symbol)>.Create(
        (x, y) => x.PortfolioId != y.PortfolioId ? x.PortfolioId.CompareTo(y.PortfolioId) : string.CompareOrdinal(x.Symbol, y.Symbol));

    private static ShareChangeType TypeOf(TransactionType type) => type switch
    {
        TransactionType.Buy => ShareChangeType.Buy,
        TransactionType.Sell => ShareChangeType.Sell,
        TransactionType.Split => ShareChangeType.Split,
        _ => ShareChangeType.Unspecified,
    };

    private static PositionHistory Position(Guid portfolioId, string symbol, PositionNowRow? now) => new()
    {
        PortfolioId = portfolioId.ToString(),
        Symbol = symbol,
        Quantity = DecimalText.Format(now?.Quantity ?? 0m),
        AveragePrice = DecimalText.Format(now?.AveragePrice),
        Currency = now?.Currency ?? "",
    };
}
