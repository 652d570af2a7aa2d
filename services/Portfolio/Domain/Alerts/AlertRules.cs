using PortfolioTracker.ServiceDefaults.Messaging;

namespace PortfolioTracker.Portfolio.Domain.Alerts;

/// <summary>
/// When a close fires an alert. <c>AlertRepository.FireAsync</c> applies the same rule in SQL, in
/// one statement across users, so that concurrent evaluations fire each alert once; this is the
/// rule written out so it can be read and tested on its own. Closes arrive as MarketData
/// announces them (<see cref="PriceAnnouncement"/>, a plain record).
/// </summary>
public static class AlertRules
{
    /// <summary>
    /// Closes older than this are backfill (history imported late), not news: they fire nothing,
    /// or importing a symbol's past would set off alerts armed today. A week covers a long
    /// weekend plus a holiday between a close and its import.
    /// </summary>
    public const int MaxCloseAgeDays = 7;

    /// <summary>Above fires at or above the target, below at or below: touching the target is crossing it.</summary>
    public static bool Fires(AlertCondition condition, decimal targetPrice, decimal close) => condition switch
    {
        AlertCondition.Above => close >= targetPrice,
        AlertCondition.Below => close <= targetPrice,
        _ => false,
    };

    /// <summary>The active alerts of the close's symbol that the close fires.</summary>
    public static IReadOnlyList<PriceAlert> FiredBy(IEnumerable<PriceAlert> alerts, PriceAnnouncement close) =>
        alerts
            .Where(a => a.IsActive
                && string.Equals(a.Symbol, close.Symbol, StringComparison.Ordinal)
                && Fires(a.Condition, a.TargetPrice, close.Close))
            .ToList();

    /// <summary>Whether a close is recent enough to evaluate alerts against (see <see cref="MaxCloseAgeDays"/>).</summary>
    public static bool IsCurrent(PriceAnnouncement close, DateOnly today) =>
        close.Date >= today.AddDays(-MaxCloseAgeDays);
}
