namespace PortfolioTracker.ServiceDefaults.Messaging;

/// <summary>
/// A batch of closes of one symbol was stored for days <see cref="From"/> through
/// <see cref="To"/> (its oldest and newest bars), announced by MarketData on <see cref="Topic"/>
/// so Portfolio retires what it holds of the symbol from <see cref="From"/> on:
/// <c>{"Symbol":"AAPL","From":"2024-01-02","To":"2024-01-05"}</c>. A backfill or a correction
/// of old days is told apart from a new latest close, which <see cref="PriceAnnouncement"/> alone carries.
/// </summary>
public sealed record ClosesStored(string Symbol, DateOnly From, DateOnly To)
{
    public static readonly RedisTopic<ClosesStored> Topic = new("marketdata:closes-stored", Accept);

    /// <summary>A batch must name a symbol and its days in order; the symbol is compared upper-case.</summary>
    private static ClosesStored? Accept(ClosesStored message) =>
        string.IsNullOrWhiteSpace(message.Symbol) || message.From > message.To
            ? null
            : message with { Symbol = message.Symbol.Trim().ToUpperInvariant() };
}
