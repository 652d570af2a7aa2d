namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>
/// A newly stored latest close, announced by MarketData on <see cref="Topic"/> to every
/// MarketData replica's price streams and to Portfolio (alert evaluation, cache retirement):
/// <c>{"Symbol":"AAPL","Date":"2024-01-02","Close":185.64,"Currency":"USD"}</c>.
/// </summary>
public sealed record PriceAnnouncement(string Symbol, DateOnly Date, decimal Close, string Currency)
{
    public static readonly RedisTopic<PriceAnnouncement> Topic = new("marketdata:prices", Accept);

    /// <summary>A close must name a symbol and be positive; the symbol is compared upper-case.</summary>
    private static PriceAnnouncement? Accept(PriceAnnouncement message) =>
        string.IsNullOrWhiteSpace(message.Symbol) || message.Close <= 0
            ? null
            : message with { Symbol = message.Symbol.Trim().ToUpperInvariant() };
}
