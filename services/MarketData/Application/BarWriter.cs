using PortfolioTracker.MarketData.Caching;
using PortfolioTracker.MarketData.Data;
using PortfolioTracker.MarketData.Messaging;
using PortfolioTracker.ServiceDefaults.Messaging;
using PortfolioTracker.ServiceDefaults.Validation;

namespace PortfolioTracker.MarketData.Application;

/// <summary>
/// The one way bars are stored, whoever brings them (the import route, the offline dataset,
/// provider ingestion): validate the batch whole, make sure its stock exists, upsert the bars
/// in one transaction, then, when any bar was new or changed, retire the cached latest close and
/// announce the days stored and the newest close.
/// </summary>
public sealed class BarWriter(
    RlsDatabase database,
    StockRepository stocks,
    PriceRepository prices,
    FinancialsRepository financials,
    LatestCloseCache latestCloses,
    PriceAnnouncer announcer,
    TimeProvider clock)
{
    /// <summary>What <see cref="WriteAsync"/> would refuse, for a caller that checks before spending anything else.</summary>
    public IReadOnlyList<FieldViolation> Validate(IReadOnlyList<DailyBar> bars) =>
        BarValidator.Validate(bars, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));

    public async Task<BarWriteResult> WriteAsync(DbClaims claims, BarBatch batch, CancellationToken ct)
    {
        var violations = Validate(batch.Bars);
        if (violations.Count > 0)
        {
            return new BarWriteResult(violations, 0);
        }

        var upserted = await database.RunAsync(claims, async session =>
        {
            await StoreStockAsync(session, batch, ct);
            return await prices.UpsertAsync(session, batch.Symbol, batch.Bars, ct);
        }, ct);

        // Bars stored already, every one the same, change nothing for anyone: MarketData imports its
        // offline dataset again at every start, and announcing those unchanged days made every
        // Portfolio replica drop all its held closes and cached metrics of every symbol at once.
        if (upserted == 0)
        {
            return new BarWriteResult([], 0);
        }

        // After the commit: listeners that re-read the database must find the bars.
        var newest = batch.Bars.MaxBy(b => b.Date)!;
        await latestCloses.ForgetAsync(batch.Symbol);
        await announcer.AnnounceAsync(new ClosesStored(batch.Symbol, batch.Bars.Min(b => b.Date), newest.Date));
        await announcer.AnnounceAsync(new PriceAnnouncement(batch.Symbol, newest.Date, newest.Close, batch.Currency));
        return new BarWriteResult([], upserted);
    }

    private async Task StoreStockAsync(RlsSession session, BarBatch batch, CancellationToken ct)
    {
        if (batch.Overview is not { } overview)
        {
            await stocks.EnsureExistsAsync(session, batch.Symbol, batch.Currency, ct);
            return;
        }
        await stocks.UpsertAsync(session, new StockRow(batch.Symbol, overview.Name, overview.Exchange, batch.Currency,
            overview.Sector, overview.Industry, overview.Country), ct);
        await financials.UpsertAsync(session, batch.Symbol, FinancialsRepository.Overview, overview.Raw.GetRawText(), ct);
    }
}
