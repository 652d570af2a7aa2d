using System.Globalization;

namespace PortfolioTracker.Portfolio.Tests.Metrics;

/// <summary>Small builders so each test reads as its ledger and its prices.</summary>
internal static class MetricsFixtures
{
    public static DateOnly D(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static LedgerEntry Tx(TransactionType type, string date, string symbol, decimal quantity, decimal price,
        decimal commission = 0, string currency = "USD", Guid? id = null) =>
        new(id ?? Guid.NewGuid(), type, symbol, D(date), quantity, price, commission, currency);

    public static LedgerEntry Buy(string date, string symbol, decimal quantity, decimal price, decimal commission = 0, string currency = "USD") =>
        Tx(TransactionType.Buy, date, symbol, quantity, price, commission, currency);

    public static LedgerEntry Sell(string date, string symbol, decimal quantity, decimal price, decimal commission = 0, string currency = "USD") =>
        Tx(TransactionType.Sell, date, symbol, quantity, price, commission, currency);

    public static LedgerEntry Dividend(string date, string symbol, decimal shares, decimal perShare, string currency = "USD") =>
        Tx(TransactionType.Dividend, date, symbol, shares, perShare, 0, currency);

    public static LedgerEntry Split(string date, string symbol, decimal ratio) =>
        Tx(TransactionType.Split, date, symbol, ratio, 0);

    public static LedgerEntry Deposit(string date, decimal amount, string currency = "USD") =>
        Tx(TransactionType.Deposit, date, currency, amount, 1, 0, currency);

    public static LedgerEntry Withdrawal(string date, decimal amount, string currency = "USD") =>
        Tx(TransactionType.Withdrawal, date, currency, amount, 1, 0, currency);

    public static LedgerEntry Fee(string date, string symbol, decimal amount, string currency = "USD") =>
        Tx(TransactionType.Fee, date, symbol, 1, amount, 0, currency);

    public static LedgerEntry Interest(string date, decimal amount, string currency = "USD") =>
        Tx(TransactionType.Interest, date, currency, 1, amount, 0, currency);

    public static LedgerEntry Tax(string date, string symbol, decimal amount, string currency = "USD") =>
        Tx(TransactionType.Tax, date, symbol, 1, amount, 0, currency);

    public static Ledger Ledger(params LedgerEntry[] entries) => Domain.Metrics.Ledger.Create(entries);

    public static ClosePriceSeries Closes(params (string Date, decimal Close)[] closes) =>
        new(closes.Select(c => (D(c.Date), c.Close)));

    public static MarketSnapshot Market(IEnumerable<(string Symbol, Security Security)> securities, params FxQuote[] fx) =>
        new(securities.ToDictionary(s => s.Symbol, s => s.Security), new FxTable(fx));

    public static MarketSnapshot Market(string symbol, ClosePriceSeries closes, string currency = "USD", string? sector = "Technology", params FxQuote[] fx) =>
        Market([(symbol, new Security(currency, sector, closes))], fx);

    public static FxQuote Fx(string from, string to, string date, decimal rate) => new(from, to, D(date), rate);

    /// <summary>n consecutive weekdays from <paramref name="start"/> (inclusive, if a weekday).</summary>
    public static IEnumerable<DateOnly> Weekdays(string start, int count)
    {
        var date = D(start);
        for (var produced = 0; produced < count; date = date.AddDays(1))
        {
            if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) continue;
            produced++;
            yield return date;
        }
    }

    /// <summary>A flow-free series on consecutive weekdays with the given values.</summary>
    public static List<DailyValue> WeekdaySeries(string start, params decimal[] values) =>
        Weekdays(start, values.Length).Select((date, i) => new DailyValue(date, values[i], 0, 0, 0)).ToList();

    /// <summary>A flow-free weekday series starting at 100 whose returns are <paramref name="returns"/>.</summary>
    public static List<DailyValue> SeriesFromReturns(string start, params decimal[] returns)
    {
        var values = new decimal[returns.Length + 1];
        values[0] = 100m;
        for (var i = 0; i < returns.Length; i++) values[i + 1] = values[i] * (1 + returns[i]);
        return WeekdaySeries(start, values);
    }
}
