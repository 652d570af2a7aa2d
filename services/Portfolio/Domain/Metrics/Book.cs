using System.Runtime.CompilerServices;

namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// Applies transactions one at a time in ledger order; shared by the summary and the daily
/// series so both agree to the last digit.
/// <para>
/// Cash model. When the ledger has a DEPOSIT or WITHDRAWAL (up to asOf) the book keeps one
/// cash account in the base currency: + deposits − withdrawals − buys' cost + sells' proceeds
/// + dividends + interest − FEE and TAX amounts − every commission, each converted at its own date's FX and never
/// revalued afterwards (cash held in a foreign currency is not tracked per currency). It may go
/// negative (a purchase not covered by recorded deposits behaves like a loan).
/// Without DEPOSIT/WITHDRAWAL the portfolio is funded from outside: cash is not tracked
/// (balance 0), a buy's cost plus commission is an external contribution, a sale's proceeds
/// less commission an external withdrawal, and dividends and interest less fees and taxes are
/// income paid out.
/// </para>
/// <para>
/// The stored holdings come from <see cref="Holdings.PositionReplay"/>, which applies the same
/// average-cost rule in the trade currency: a sale removes cost pro rata so the average is
/// unchanged, a full close (<see cref="Holdings.SaleRule.Closes"/>) starts a fresh average, a split multiplies the shares and keeps the
/// cost, one day's rows apply in <see cref="Holdings.LedgerOrder"/>. A fix to that rule belongs
/// in both.
/// </para>
/// </summary>
internal sealed class Book(MarketSnapshot market, string baseCurrency, bool tracksCash, MarketFacts? facts = null)
{
    private readonly Dictionary<string, RunningPosition> _bySymbol = new(StringComparer.Ordinal);
    private readonly List<RunningPosition> _positions = [];
    // A day's flows under both cash models, each summed in ledger order exactly as that model
    // alone would: the incremental state keeps both, so one pass serves an asOf on either side
    // of the first DEPOSIT/WITHDRAWAL.
    private decimal _inflowTracked, _outflowTracked, _inflowUntracked, _outflowUntracked, _incomeUntracked;
    // Counts BeginDay calls, so a position knows whether today's entries reached it already.
    private int _day;
    private readonly List<int> _touched = [];

    public BaseConverter Converter { get; } = new(market.Fx, baseCurrency, facts);
    public bool TracksCash { get; } = tracksCash;
    public IReadOnlyList<RunningPosition> Positions => _positions;
    public decimal Cash { get; internal set; }
    /// <summary>Fees not tied to a symbol: FEE rows on a currency/account, commissions on deposits and withdrawals.</summary>
    public decimal AccountFees { get; private set; }

    /// <summary>INTEREST received, at each row's date's FX: income beside the positions' dividends.</summary>
    public decimal Interest { get; private set; }

    /// <summary>What the last entry applied did outside its position (default for DEPOSIT, WITHDRAWAL and INTEREST).</summary>
    internal EntryEffect LastEffect { get; private set; }

    /// <summary>External money in, counted at the start of the day.</summary>
    public decimal DayInflow => TracksCash ? _inflowTracked : _inflowUntracked;
    /// <summary>External money out, counted at the end of the day.</summary>
    public decimal DayOutflow => TracksCash ? _outflowTracked : _outflowUntracked;
    /// <summary>Dividends and interest less fees and taxes paid out to / in from outside when cash is not tracked: performance, not a flow.</summary>
    public decimal DayIncome => TracksCash ? 0m : _incomeUntracked;

    /// <summary>The day's flows under both cash models (see <see cref="DayFlows"/>).</summary>
    internal DayFlows Flows => new(_inflowTracked, _outflowTracked, _inflowUntracked, _outflowUntracked, _incomeUntracked);

    /// <summary>
    /// The indexes (in <see cref="Positions"/>) of the positions today's entries opened, changed or
    /// looked up, each once, in the order first reached: every position whose quantity, last trade
    /// price or trade currency a day can change is among them.
    /// </summary>
    internal List<int> TouchedToday => _touched;

    public void BeginDay()
    {
        _day++;
        _touched.Clear();
        _inflowTracked = 0;
        _outflowTracked = 0;
        _inflowUntracked = 0;
        _outflowUntracked = 0;
        _incomeUntracked = 0;
    }

    /// <exception cref="LedgerException">The transaction cannot be applied, or makes a figure overflow decimal.</exception>
    public void Apply(LedgerEntry entry)
    {
        try
        {
            ApplyChecked(entry);
        }
        catch (OverflowException)
        {
            // decimal arithmetic is always checked; the bounds make this unreachable for data
            // written through the API, but a row written around them must not become a 500.
            throw new LedgerException(entry.Id,
                $"Transaction {entry.Id} ({entry.Type.ToStorage()} {entry.Symbol}) makes a figure too large to compute; correct its quantity, price or commission.");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    private void ApplyChecked(LedgerEntry entry)
    {
        var date = entry.Date;
        LastEffect = default;
        if (entry.Commission < 0) throw new LedgerException(entry.Id, $"Transaction {entry.Id} has a negative commission.");
        var commission = Converter.ToBase(entry.Commission, entry.Currency, date);

        switch (entry.Type)
        {
            case TransactionType.Buy:
            {
                RequirePositive(entry, entry.Quantity, "quantity");
                RequirePositive(entry, entry.Price, "price");
                var position = GetOrAdd(entry);
                var amount = entry.Amount;
                var cost = Converter.ToBase(amount, entry.Currency, date);
                position.Quantity += entry.Quantity;
                position.Investment += cost;
                position.InvestmentInCurrency += InValuationCurrency(amount, entry.Currency, position, date);
                position.Fees += commission;
                position.TradeCurrency = entry.Currency;
                position.LastTradePrice = entry.Price;
                Carry(entry.Type, new EntryEffect(cost + commission, ToAccountFees: false));
                break;
            }
            case TransactionType.Sell:
            {
                RequirePositive(entry, entry.Quantity, "quantity");
                RequirePositive(entry, entry.Price, "price");
                var position = _bySymbol.GetValueOrDefault(entry.Symbol);
                if (position is not null) Touch(position);
                var held = position?.Quantity ?? 0m;
                var closes = Holdings.SaleRule.Closes(entry.Quantity, held);
                if (position is null || (entry.Quantity > held && !closes))
                {
                    throw new OversoldPositionException(entry.Id, entry.Symbol, held, entry.Quantity);
                }
                var proceeds = Converter.ToBase(entry.Amount, entry.Currency, date);
                // Average cost: the sale removes investment pro rata to the quantity sold; a full
                // close (rounding dust over the holding included) removes all of it and leaves
                // exactly 0 shares, so no residue survives into a later re-buy.
                var removed = closes ? position.Investment : position.Investment * entry.Quantity / held;
                position.RealizedGain += proceeds - removed;
                position.Investment -= removed;
                position.InvestmentInCurrency -= closes ? position.InvestmentInCurrency : position.InvestmentInCurrency * entry.Quantity / held;
                position.Quantity = closes ? 0 : held - entry.Quantity;
                position.Fees += commission;
                position.TradeCurrency = entry.Currency;
                position.LastTradePrice = entry.Price;
                Carry(entry.Type, new EntryEffect(proceeds - commission, ToAccountFees: false));
                break;
            }
            case TransactionType.Dividend:
            {
                RequireNonNegative(entry);
                var position = GetOrAdd(entry);
                var amount = Converter.ToBase(entry.Amount, entry.Currency, date);
                position.Dividends += amount;
                position.Fees += commission;
                Carry(entry.Type, new EntryEffect(amount - commission, ToAccountFees: false));
                break;
            }
            case TransactionType.Split:
            {
                RequirePositive(entry, entry.Quantity, "quantity (the split ratio)");
                // More shares at a proportionally lower cost each; the investment is unchanged.
                // A split of a symbol not held (or fully sold) changes nothing.
                if (_bySymbol.TryGetValue(entry.Symbol, out var position))
                {
                    Touch(position);
                    position.Quantity *= entry.Quantity;
                    position.LastTradePrice /= entry.Quantity;
                    position.Fees += commission;
                }
                Carry(entry.Type, new EntryEffect(commission, ToAccountFees: position is null));
                break;
            }
            case TransactionType.Deposit:
            {
                RequireNonNegative(entry);
                var amount = Converter.ToBase(entry.Amount, entry.Currency, date);
                Cash += amount - commission;
                AccountFees += commission;
                _inflowTracked += amount;
                _inflowUntracked += amount;
                break;
            }
            case TransactionType.Withdrawal:
            {
                RequireNonNegative(entry);
                var amount = Converter.ToBase(entry.Amount, entry.Currency, date);
                Cash -= amount + commission;
                AccountFees += commission;
                _outflowTracked += amount;
                _outflowUntracked += amount;
                break;
            }
            case TransactionType.Interest:
            {
                // Income like a dividend, but of the account: no position, its own figure.
                RequireNonNegative(entry);
                var amount = Converter.ToBase(entry.Amount, entry.Currency, date);
                Interest += amount;
                AccountFees += commission;
                var net = amount - commission;
                Cash += net;
                _incomeUntracked += net;
                break;
            }
            case TransactionType.Fee:
            case TransactionType.Tax: // a tax paid outside a dividend row counts exactly as a fee
            {
                RequireNonNegative(entry);
                var fee = Converter.ToBase(entry.Amount, entry.Currency, date) + commission;
                // A FEE names a security it belongs to (a position fee), or the account/currency.
                var ofPosition = _bySymbol.ContainsKey(entry.Symbol) || IsKnownSecurity(entry.Symbol, date);
                if (ofPosition)
                {
                    GetOrAdd(entry).Fees += fee;
                }
                Carry(entry.Type, new EntryEffect(fee, ToAccountFees: !ofPosition));
                break;
            }
            default:
                throw new LedgerException(entry.Id, $"Transaction {entry.Id} has an unknown type {entry.Type}.");
        }
    }

    /// <summary>
    /// What an entry of a position type does outside its position: to cash, the day's flows and
    /// (a SPLIT's commission or a FEE that reaches no position) the account's fees. <see cref="Apply"/>
    /// ends with it; a rebuild that keeps the entry's position as it was carries the stored effect
    /// through it again, so the same operations run in the same order.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    internal void Carry(TransactionType type, EntryEffect effect)
    {
        var amount = effect.Amount;
        switch (type)
        {
            case TransactionType.Buy:
                Cash -= amount;
                _inflowUntracked += amount;
                break;
            case TransactionType.Sell:
                Cash += amount;
                _outflowUntracked += amount;
                break;
            case TransactionType.Dividend:
                Cash += amount;
                _incomeUntracked += amount;
                break;
            case TransactionType.Split:
            case TransactionType.Fee:
            case TransactionType.Tax:
                if (effect.ToAccountFees)
                {
                    AccountFees += amount;
                }
                Cash -= amount;
                _incomeUntracked -= amount;
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "Only entries of a position type have an effect to carry.");
        }
        LastEffect = effect;
    }

    /// <summary>
    /// Market price per share in the base currency: the last close on or before
    /// <paramref name="date"/> at that date's FX; without any close yet, the last trade price
    /// (valued at cost until the market knows the symbol). Returns the close's date, or null
    /// when the trade price stood in.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    public (decimal Price, DateOnly? CloseDate) MarketPrice(RunningPosition position, DateOnly date)
    {
        if (position.Security is { } security)
        {
            position.PriceCursor = security.Closes.AdvanceOnOrBefore(position.PriceCursor, date);
            if (position.PriceCursor >= 0)
            {
                var close = security.Closes.CloseAt(position.PriceCursor);
                return (close * Converter.Rate(security.Currency, date), security.Closes.DateAt(position.PriceCursor));
            }
        }
        return (Converter.ToBase(position.LastTradePrice, position.TradeCurrency, date), null);
    }

    /// <summary>
    /// The price behind <see cref="MarketPrice"/> in the position's own currency: the close itself,
    /// or without a close the last trade price (converted at <paramref name="date"/>'s FX when it
    /// was traded in another currency).
    /// </summary>
    public decimal MarketPriceInCurrency(RunningPosition position, DateOnly date)
    {
        if (position.Security is { } security)
        {
            var cursor = security.Closes.AdvanceOnOrBefore(position.PriceCursor, date);
            if (cursor >= 0)
            {
                return security.Closes.CloseAt(cursor);
            }
        }
        return InValuationCurrency(position.LastTradePrice, position.TradeCurrency, position, date);
    }

    /// <summary>An amount in <paramref name="currency"/> in the position's own currency, across the base currency at <paramref name="date"/>'s FX.</summary>
    private decimal InValuationCurrency(decimal amount, string currency, RunningPosition position, DateOnly date) =>
        string.Equals(currency, position.ValuationCurrency, StringComparison.Ordinal)
            ? amount
            : Converter.ToBase(amount, currency, date) / Converter.Rate(position.ValuationCurrency, date);

    /// <summary>Market value of the open positions plus (when tracked) cash, at <paramref name="date"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // hot path: full JIT at once, not after tiering
    public decimal TotalValue(DateOnly date)
    {
        var value = TracksCash ? Cash : 0m;
        foreach (var position in _positions)
        {
            if (position.Quantity != 0)
            {
                value += position.Quantity * MarketPrice(position, date).Price;
            }
        }
        return value;
    }

    private RunningPosition GetOrAdd(LedgerEntry entry)
    {
        if (!_bySymbol.TryGetValue(entry.Symbol, out var position))
        {
            var security = market.Find(entry.Symbol);
            facts?.RecordSecurity(entry.Symbol, entry.Date, security?.Currency);
            position = Add(entry.Symbol, security, entry.Currency);
        }
        Touch(position);
        return position;
    }

    /// <summary>Notes that today's entries reached <paramref name="position"/> (<see cref="TouchedToday"/>).</summary>
    private void Touch(RunningPosition position)
    {
        if (position.TouchedOnDay != _day)
        {
            position.TouchedOnDay = _day;
            _touched.Add(position.Index);
        }
    }

    private bool IsKnownSecurity(string symbol, DateOnly date)
    {
        var known = market.Securities.ContainsKey(symbol);
        facts?.RecordKnown(symbol, date, known);
        return known;
    }

    private RunningPosition Add(string symbol, Security? security, string tradeCurrency)
    {
        var position = new RunningPosition(symbol, security, tradeCurrency) { Index = _positions.Count };
        _bySymbol.Add(symbol, position);
        _positions.Add(position);
        return position;
    }

    /// <summary>A position for valuing a stored state: this market's security, no facts recorded (they were when it was first opened).</summary>
    internal RunningPosition AddPosition(string symbol, string tradeCurrency) => Add(symbol, market.Find(symbol), tradeCurrency);

    /// <summary>Everything <see cref="Apply"/> has accumulated, to continue from later (<see cref="Restore"/>).</summary>
    internal BookState Capture()
    {
        var positions = new PositionState[_positions.Count];
        for (var i = 0; i < positions.Length; i++)
        {
            positions[i] = PositionState.Of(_positions[i]);
        }
        return new BookState(positions, Cash, AccountFees, Interest);
    }

    /// <summary>A book that continues from <paramref name="state"/> exactly as the book it was captured from would.</summary>
    internal static Book Restore(BookState state, MarketSnapshot market, string baseCurrency, bool tracksCash, MarketFacts? facts = null)
    {
        var book = new Book(market, baseCurrency, tracksCash, facts)
        {
            Cash = state.Cash,
            AccountFees = state.AccountFees,
            Interest = state.Interest,
        };
        foreach (var saved in state.Positions)
        {
            saved.CopyTo(book.AddPosition(saved.Symbol, saved.TradeCurrency));
        }
        return book;
    }

    private static void RequirePositive(LedgerEntry entry, decimal value, string field)
    {
        if (value <= 0) throw new LedgerException(entry.Id, $"Transaction {entry.Id} ({entry.Type.ToStorage()}) needs a positive {field}.");
    }

    private static void RequireNonNegative(LedgerEntry entry)
    {
        if (entry.Quantity < 0 || entry.Price < 0)
        {
            throw new LedgerException(entry.Id, $"Transaction {entry.Id} ({entry.Type.ToStorage()}) has a negative quantity or price.");
        }
    }
}
