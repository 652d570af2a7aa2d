using PortfolioTracker.Portfolio.Domain.Metrics;
using PortfolioTracker.ServiceDefaults.Data;

namespace PortfolioTracker.Portfolio.Application.Metrics;

/// <summary>
/// What one summary, performance or risk calculation reads: the caller's ledger (held in
/// memory while the database's ledger counter says it is current), their base currency, and
/// the market data for it.
/// </summary>
public sealed class MetricsInputLoader(RlsDatabase database, LedgerSource ledgers, MarketSnapshotLoader markets)
{
    /// <param name="Entries">The entries of the portfolio (or all) through asOf, in processing order.</param>
    /// <param name="Symbols">Every symbol those entries name (what the result depends on).</param>
    /// <param name="Held">The user's whole ledger (every portfolio and date), for the incremental state (<see cref="LedgerStates"/>).</param>
    public sealed record Inputs(
        IReadOnlyList<LedgerEntry> Entries, MarketSnapshotLoader.Loaded Market, string BaseCurrency, IReadOnlyList<string> Symbols, UserLedger Held);

    /// <summary>Null when <paramref name="portfolioId"/> is not one of the caller's portfolios.</summary>
    /// <param name="baseCurrency">Null: the profile's.</param>
    /// <param name="closesFrom">Null: closes from the first transaction (a daily series); else only around that day.</param>
    public async Task<Inputs?> LoadAsync(
        DbClaims claims, Guid userId, Guid? portfolioId, DateOnly asOf, string? baseCurrency, DateOnly? closesFrom, string? benchmark,
        CancellationToken ct)
    {
        var (ledger, profileCurrency) = await database.RunAsync(claims, session => ledgers.ReadAsync(session, userId, portfolioId, ct), ct);
        if (ledger is null)
        {
            return null;
        }
        // What depends only on the ledger version is kept with the held ledger: nothing here walks every entry.
        var portfolio = ledger.Of(portfolioId);
        var entries = portfolio.Through(asOf);
        var currency = baseCurrency ?? profileCurrency;
        var first = entries.Count > 0 ? entries[0].Date : asOf;
        var market = await markets.LoadAsync(
            portfolio.ValuedSymbolsThrough(asOf), portfolio.CurrenciesThrough(asOf), currency, closesFrom ?? first, first, asOf, benchmark, ct);
        return new Inputs(entries, market, currency, portfolio.SymbolsThrough(asOf), ledger);
    }
}
