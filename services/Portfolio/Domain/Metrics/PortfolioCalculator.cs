using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Positions and totals by the average-cost method, as API.md defines them. All money is in the
/// base currency; every cash flow is converted at the FX of its own date (the last rate on or
/// before it) and holdings at the FX of asOf, so a currency's move is part of the performance.
/// <list type="bullet">
/// <item>Only transactions dated on or before asOf count, applied by date then ledger order.</item>
/// <item><c>investment</c>: Σ buys' quantity × price × FX(buy date), fees excluded; a SELL of q out
///   of Q held removes investment × q / Q (all of it when q = Q, so a re-buy after a full close
///   starts a fresh average). SPLIT (ratio k) multiplies the quantity by k, investment unchanged.</item>
/// <item><c>averagePrice</c> = investment / quantity (0 for a closed position).</item>
/// <item><c>marketPrice</c> = the last close on or before asOf × FX(asOf); if the symbol has no
///   close yet, the last trade price (split-adjusted) × FX(asOf), with <c>MarketPriceDate</c> null.</item>
/// <item><c>averagePriceInCurrency</c> and <c>marketPriceInCurrency</c>: the same two prices in the position's
///   own currency, as brokers show them: investment counted at the trades' own prices (a trade in another
///   currency converted at its date's FX, a SELL removing it pro rata), and the close itself before FX.</item>
/// <item><c>marketValue</c> = quantity × marketPrice; <c>unrealizedGain</c> = marketValue − investment.</item>
/// <item><c>realizedGain</c> = Σ sales' (quantity × price × FX(sale date) − investment removed).</item>
/// <item><c>fees</c> = the position's commissions (any type) and FEE rows naming the symbol, each at its
///   date's FX. Totals add account fees: FEE rows naming no known security and commissions on deposits/withdrawals.</item>
/// <item><c>dividends</c> = Σ DIVIDEND quantity × price × FX(date), reported apart: not in any performance figure.
///   <c>interest</c> = Σ INTEREST quantity × price × FX(date), the same for cash interest (no position carries it).</item>
/// <item>TAX rows count exactly as FEE rows (in <c>fees</c>, of the position they name or of the account).</item>
/// <item><c>grossPerformance</c> = realized + unrealized; <c>netPerformance</c> = gross − fees.</item>
/// <item><c>weight</c> = marketValue / Σ marketValue of open positions (0 when that sum is 0); cash is not weighted.</item>
/// <item><c>cashBalance</c>: see the cash model on <see cref="Ledger.TracksCash"/> — with DEPOSIT/WITHDRAWAL rows,
///   deposits − withdrawals − buys' cost − commissions + sells' proceeds + dividends + interest − FEE and TAX amounts,
///   each at its date's FX; without them 0 (funded from outside). <c>totalValue</c> = Σ marketValue + cashBalance.</item>
/// </list>
/// <c>Positions</c> lists closed positions too (quantity 0, weight 0) because they carry realized
/// gains, fees and dividends, and so the totals are the sums of the rows (plus account fees).
/// Order: open positions by market value descending, then closed ones, each tie by symbol.
/// Money is not rounded here (decimal arithmetic is exact up to 28 digits); round for display.
/// </summary>
public static class PortfolioCalculator
{
    public const string UnknownSector = "Unknown";

    /// <exception cref="OversoldPositionException">A SELL exceeds the quantity held at its date.</exception>
    /// <exception cref="LedgerException">A transaction has amounts the engine cannot apply.</exception>
    /// <exception cref="MissingFxRateException">A needed FX rate is unknown on or before its date.</exception>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    public static SummaryFigures Summarize(Ledger ledger, MarketSnapshot market, string baseCurrency, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(market);
        ArgumentException.ThrowIfNullOrWhiteSpace(baseCurrency);

        var book = new Book(market, baseCurrency, ledger.TracksCash(asOf));
        var entries = ledger.Entries;
        var count = ledger.CountOnOrBefore(asOf);
        for (var i = 0; i < count; i++)
        {
            book.Apply(entries[i]);
        }
        return Summarize(book, asOf);
    }

    /// <inheritdoc cref="Summarize(Ledger, MarketSnapshot, string, DateOnly)"/>
    public static SummaryFigures Summarize(IEnumerable<LedgerEntry> transactions, MarketSnapshot market, string baseCurrency, DateOnly asOf) =>
        Summarize(Ledger.Create(transactions), market, baseCurrency, asOf);

    /// <summary>A closed position shows the current price when it can be had, but its lack is no error.</summary>
    private static (decimal, DateOnly?) ClosedPositionPrice(Book book, RunningPosition position, DateOnly asOf)
    {
        try
        {
            return book.MarketPrice(position, asOf);
        }
        catch (MissingFxRateException)
        {
            return (0m, null);
        }
    }

    /// <inheritdoc cref="ClosedPositionPrice"/>
    private static decimal MarketPriceInCurrency(Book book, RunningPosition position, DateOnly asOf)
    {
        try
        {
            return book.MarketPriceInCurrency(position, asOf);
        }
        catch (MissingFxRateException) when (position.Quantity == 0)
        {
            return 0m;
        }
    }

    internal static SummaryFigures Summarize(Book book, DateOnly asOf)
    {
        var positions = book.Positions;
        var prices = new (decimal Price, DateOnly? Date)[positions.Count];
        var openValue = 0m;
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            prices[i] = position.Quantity != 0 ? book.MarketPrice(position, asOf) : ClosedPositionPrice(book, position, asOf);
            openValue += position.Quantity * prices[i].Price;
        }

        var rows = new List<PositionFigures>(positions.Count);
        decimal investment = 0, fees = book.AccountFees, dividends = 0, realized = 0, unrealized = 0;
        for (var i = 0; i < positions.Count; i++)
        {
            var p = positions[i];
            var marketValue = p.Quantity * prices[i].Price;
            var unrealizedGain = marketValue - p.Investment;
            var gross = p.RealizedGain + unrealizedGain;
            var sector = string.IsNullOrWhiteSpace(p.Security?.Sector) ? UnknownSector : p.Security.Sector;
            rows.Add(new PositionFigures(
                p.Symbol, p.ValuationCurrency, sector, p.Quantity,
                AveragePrice: p.Quantity == 0 ? 0m : p.Investment / p.Quantity,
                MarketPrice: prices[i].Price,
                MarketPriceDate: prices[i].Date,
                MarketValue: marketValue,
                Investment: p.Investment,
                Fees: p.Fees,
                Dividends: p.Dividends,
                RealizedGain: p.RealizedGain,
                UnrealizedGain: unrealizedGain,
                GrossPerformance: gross,
                NetPerformance: gross - p.Fees,
                Weight: openValue == 0 ? 0m : marketValue / openValue,
                AveragePriceInCurrency: p.Quantity == 0 ? 0m : p.InvestmentInCurrency / p.Quantity,
                MarketPriceInCurrency: MarketPriceInCurrency(book, p, asOf)));
            investment += p.Investment;
            fees += p.Fees;
            dividends += p.Dividends;
            realized += p.RealizedGain;
            unrealized += unrealizedGain;
        }
        rows.Sort(static (a, b) =>
        {
            if (a.IsOpen != b.IsOpen) return a.IsOpen ? -1 : 1;
            var byValue = b.MarketValue.CompareTo(a.MarketValue);
            return byValue != 0 ? byValue : string.CompareOrdinal(a.Symbol, b.Symbol);
        });

        var cash = book.TracksCash ? book.Cash : 0m;
        return new SummaryFigures(
            asOf, book.Converter.BaseCurrency,
            TotalValue: openValue + cash,
            Investment: investment,
            Fees: fees,
            Dividends: dividends,
            Interest: book.Interest,
            RealizedGain: realized,
            UnrealizedGain: unrealized,
            GrossPerformance: realized + unrealized,
            NetPerformance: realized + unrealized - fees,
            CashBalance: cash,
            TracksCash: book.TracksCash,
            Positions: rows);
    }
}
