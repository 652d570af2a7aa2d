namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// A checkpoint of a <see cref="LedgerState"/> in a durable form (table <c>ledger_checkpoints</c>):
/// the book after every entry dated on or before <see cref="Day"/> of one user's whole ledger in
/// one base currency, with what that depended on. A summary as of a later day is this book plus
/// the entries after <see cref="Day"/>, exactly as a full replay (<see cref="PortfolioCalculator"/>),
/// provided no entry on or before <see cref="Day"/> changed since the checkpoint's ledger version
/// (the database checks that) and the request's market answers the facts the same way
/// (<see cref="FitsMarket"/>).
/// </summary>
public sealed class StoredCheckpoint
{
    private const byte Format = 1;

    private readonly BookState _book;
    // What the state read, possibly past Day (a later checkpoint's, or the whole state's); only
    // those through Day belong to this checkpoint, cut on first use: of the 64 checkpoints a
    // state stores, only the latest writes its facts (LedgerCheckpointRepository.ReplaceAsync).
    private readonly MarketFacts _factsRead;
    private MarketFacts? _facts;

    private StoredCheckpoint(DateOnly day, int entryCount, DateOnly firstEntry, DateOnly? firstCashFlow, BookState book, string[] traded, MarketFacts facts)
    {
        Day = day;
        EntryCount = entryCount;
        FirstEntry = firstEntry;
        FirstCashFlow = firstCashFlow;
        _book = book;
        TradedSymbols = traded;
        _factsRead = facts;
    }

    private MarketFacts Facts => _facts ??= _factsRead.Through(Day.DayNumber);

    public DateOnly Day { get; }

    /// <summary>How many entries (all dated on or before <see cref="Day"/>) the book reflects.</summary>
    public int EntryCount { get; }

    /// <summary>The ledger's first entry date: the market facts reach back to it.</summary>
    public DateOnly FirstEntry { get; }

    /// <summary>The first DEPOSIT or WITHDRAWAL on or before <see cref="Day"/> (the cash model, <see cref="Ledger.TracksCash"/>), if any.</summary>
    public DateOnly? FirstCashFlow { get; }

    /// <summary>
    /// Every symbol of a BUY, SELL, SPLIT or DIVIDEND on or before <see cref="Day"/>: the request's
    /// market must know the same securities a full replay's would (a FEE's symbol counts as a
    /// position's only when the market knows it).
    /// </summary>
    public IReadOnlyList<string> TradedSymbols { get; }

    /// <summary>Each position's symbol and the currency it last traded in (its valuation needs that currency's rate).</summary>
    public IReadOnlyList<(string Symbol, string TradeCurrency)> Positions
    {
        get
        {
            // A loop, not LINQ over a tuple: a generic instantiation over a value type is compiled on
            // first use, inside the first summary after a restart (see CheckpointSummary).
            var positions = new (string Symbol, string TradeCurrency)[_book.Positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = (_book.Positions[i].Symbol, _book.Positions[i].TradeCurrency);
            }
            return positions;
        }
    }

    /// <summary>The currencies whose rates the book applied.</summary>
    public IEnumerable<string> Currencies => Facts.Currencies;

    /// <param name="traded">The <see cref="TradedSymbols"/> of the first <paramref name="entryCount"/> entries (<see cref="TradedSymbolsScan"/>).</param>
    /// <param name="facts">The state's facts, no longer changing (those after <paramref name="day"/> are left out when used).</param>
    internal static StoredCheckpoint Of(
        DateOnly day, int entryCount, IReadOnlyList<LedgerEntry> entries, DateOnly? firstCashFlow, BookState book, string[] traded, MarketFacts facts) =>
        new(day, entryCount, entries[0].Date, firstCashFlow <= day ? firstCashFlow : null, book, traded, facts);

    /// <summary>
    /// The symbols of a ledger's BUY, SELL, SPLIT and DIVIDEND entries, gathered as the ledger is
    /// read forward (<see cref="Through"/>): each checkpoint's set without reading its entries again.
    /// </summary>
    internal sealed class TradedSymbolsScan
    {
        // The hash set answers "seen before" for each entry; only a new symbol pays the sorted set's comparisons.
        private readonly HashSet<string> _seen = new(StringComparer.Ordinal);
        private readonly SortedSet<string> _sorted = new(StringComparer.Ordinal);
        private int _read;

        /// <summary>Takes in the entries from where the last call stopped up to <paramref name="entryCount"/>.</summary>
        public void Through(IReadOnlyList<LedgerEntry> entries, int entryCount)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(entryCount, _read);
            for (; _read < entryCount; _read++)
            {
                var entry = entries[_read];
                if (PortfolioLedger.IsValued(entry.Type) && _seen.Add(entry.Symbol))
                {
                    _sorted.Add(entry.Symbol);
                }
            }
        }

        /// <summary>What was taken in so far, in ordinal order.</summary>
        public string[] Sorted() => [.. _sorted];
    }

    /// <summary>The book and the traded symbols, exactly (decimals keep their scale).</summary>
    public byte[] BookBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(Format);
            writer.Write(_book.Cash);
            writer.Write(_book.AccountFees);
            writer.Write(_book.Interest);
            writer.Write(_book.Positions.Length);
            foreach (var p in _book.Positions)
            {
                writer.Write(p.Symbol);
                writer.Write(p.TradeCurrency);
                writer.Write(p.LastTradePrice);
                writer.Write(p.Quantity);
                writer.Write(p.Investment);
                writer.Write(p.InvestmentInCurrency);
                writer.Write(p.Fees);
                writer.Write(p.Dividends);
                writer.Write(p.RealizedGain);
            }
            writer.Write(TradedSymbols.Count);
            foreach (var symbol in TradedSymbols) writer.Write(symbol);
        }
        return stream.ToArray();
    }

    public byte[] FactsBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            Facts.WriteTo(writer);
        }
        return stream.ToArray();
    }

    /// <summary>A checkpoint as stored; null when the bytes are not in this version's format (then it is not used).</summary>
    /// <param name="facts">
    /// The facts of this checkpoint or of a later one of the same state (<see cref="FactsBytes"/>):
    /// those read after <paramref name="day"/> are left out.
    /// </param>
    public static StoredCheckpoint? Read(DateOnly day, int entryCount, DateOnly firstEntry, DateOnly? firstCashFlow, byte[] book, byte[] facts)
    {
        ArgumentNullException.ThrowIfNull(book);
        ArgumentNullException.ThrowIfNull(facts);
        try
        {
            using var bookReader = new BinaryReader(new MemoryStream(book));
            if (bookReader.ReadByte() != Format) return null;
            var (cash, accountFees, interest) = (bookReader.ReadDecimal(), bookReader.ReadDecimal(), bookReader.ReadDecimal());
            var positions = new PositionState[bookReader.ReadInt32()];
            for (var i = 0; i < positions.Length; i++)
            {
                positions[i] = new PositionState(bookReader.ReadString(), bookReader.ReadString(), bookReader.ReadDecimal(), bookReader.ReadDecimal(),
                    bookReader.ReadDecimal(), bookReader.ReadDecimal(), bookReader.ReadDecimal(), bookReader.ReadDecimal(), bookReader.ReadDecimal());
            }
            var traded = new string[bookReader.ReadInt32()];
            for (var i = 0; i < traded.Length; i++) traded[i] = bookReader.ReadString();
            using var factsReader = new BinaryReader(new MemoryStream(facts));
            return new StoredCheckpoint(day, entryCount, firstEntry, firstCashFlow, new BookState(positions, cash, accountFees, interest), traded,
                MarketFacts.ReadFrom(factsReader));
        }
        catch (EndOfStreamException)
        {
            return null;
        }
        catch (IOException)
        {
            return null;
        }
    }

    /// <summary>True when <paramref name="market"/> answers every fact the book read as it did then (else recompute).</summary>
    public bool FitsMarket(MarketSnapshot market, string baseCurrency)
    {
        ArgumentNullException.ThrowIfNull(market);
        return Facts.FirstMismatch(market, baseCurrency, Day) is null;
    }

    /// <summary>
    /// The summary as of <paramref name="asOf"/> (on or after <see cref="Day"/>): this book, then
    /// <paramref name="after"/> (every entry dated after <see cref="Day"/> and on or before asOf, in
    /// processing order). Equal to <see cref="PortfolioCalculator.Summarize(Ledger, MarketSnapshot, string, DateOnly)"/>
    /// of the whole ledger when the checkpoint is valid and fits the market.
    /// </summary>
    public SummaryFigures Summarize(IReadOnlyList<LedgerEntry> after, MarketSnapshot market, string baseCurrency, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(market);
        if (asOf < Day) throw new ArgumentOutOfRangeException(nameof(asOf), "A checkpoint answers only for its day and later.");
        var tracksCash = FirstCashFlow is not null
            || after.Any(e => e.Date <= asOf && e.IsExternalCashFlow);
        var book = Book.Restore(_book, market, baseCurrency, tracksCash);
        foreach (var entry in after)
        {
            if (entry.Date > asOf) break;
            book.Apply(entry);
        }
        return PortfolioCalculator.Summarize(book, asOf);
    }
}
