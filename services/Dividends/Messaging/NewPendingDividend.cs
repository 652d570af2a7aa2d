using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Dividends.Messaging;

/// <summary>A pending dividend a sync just created, as its owner's streams show it.</summary>
public sealed record NewPendingDividend(
    Guid Id, Guid PortfolioId, string Symbol, DateOnly ExDate, DateOnly? PayDate, decimal Amount, string Currency, decimal Shares, decimal Total,
    string DividendType, string Source);

/// <summary>
/// New pending dividends of one user, as they travel on <see cref="Topic"/> to every Dividends
/// replica; each delivers them to that user's open WatchDividends streams only.
/// </summary>
public sealed record PendingDividendsAppeared(Guid UserId, IReadOnlyList<NewPendingDividend> Dividends)
{
    public static readonly RedisTopic<PendingDividendsAppeared> Topic = new("dividends:pending:new", Accept);

    /// <summary>A message names its user and carries dividends; anything else is refused.</summary>
    public static PendingDividendsAppeared? Accept(PendingDividendsAppeared message) =>
        message.UserId == Guid.Empty || message.Dividends is null || message.Dividends.Count == 0 ? null : message;
}
