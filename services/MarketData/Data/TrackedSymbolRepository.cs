namespace PortfolioTracker.MarketData.Data;

/// <summary>
/// The symbols somebody holds, trades or watches, stalest first (never-fetched ones
/// before all others). Read across users as the service role: ingestion is server-side work.
/// </summary>
public sealed class TrackedSymbolRepository
{
    public async Task<IReadOnlyList<TrackedSymbol>> StalestFirstAsync(RlsSession session, CancellationToken ct)
    {
        await using var reader = await session.ExecuteReaderAsync(
            """
            select s.symbol, (select max(h.date) from historical_prices h where h.symbol = s.symbol) as newest
            from (
                select symbol from holdings where quantity > 0
                union select symbol from transactions where transaction_type in ('BUY', 'SELL', 'SPLIT', 'DIVIDEND')
                union select symbol from watchlist
                union select symbol from price_alerts where is_active) s
            order by newest nulls first, s.symbol
            """,
            ct);
        var symbols = new List<TrackedSymbol>();
        while (await reader.ReadAsync(ct))
        {
            symbols.Add(new TrackedSymbol(reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetFieldValue<DateOnly>(1)));
        }
        return symbols;
    }
}
