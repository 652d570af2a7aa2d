namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// <see cref="Book.TotalValue"/> for a walk over consecutive days, to the last digit, without
/// recomputing what did not change: a position whose quantity, close and FX rate are the same as
/// on the day it was last valued keeps that value (the very same decimal product), so a weekend,
/// a holiday or a day without a new close costs a comparison per held position instead of two
/// multiplications. The sum runs over the same terms in the same order as the book's.
/// </summary>
internal sealed class DayByDayValuation(Book book)
{
    private Valued[] _valued = new Valued[16];
    // The last rate asked for: positions in one currency follow each other, so most lookups end here.
    private string? _rateCurrency;
    private DateOnly _rateDate;
    private decimal _rate;

    /// <summary>What a position was last valued at, and from what.</summary>
    private struct Valued
    {
        public bool Known;
        public int Cursor;
        public decimal Quantity;
        public decimal Rate;
        public decimal Value;
    }

    /// <summary>Equal to <see cref="Book.TotalValue"/> of the same book on <paramref name="date"/>; days must not go backwards.</summary>
    public decimal TotalValue(DateOnly date)
    {
        var positions = book.Positions;
        if (_valued.Length < positions.Count)
        {
            Array.Resize(ref _valued, Math.Max(positions.Count, _valued.Length * 2));
        }
        var value = book.TracksCash ? book.Cash : 0m;
        for (var i = 0; i < positions.Count; i++)
        {
            var position = positions[i];
            if (position.Quantity != 0)
            {
                value += ValueOf(position, ref _valued[i], date);
            }
        }
        return value;
    }

    private decimal ValueOf(RunningPosition position, ref Valued valued, DateOnly date)
    {
        if (position.Security is { } security)
        {
            var cursor = security.Closes.AdvanceOnOrBefore(position.PriceCursor, date);
            position.PriceCursor = cursor;
            if (cursor >= 0)
            {
                // The rate is asked every day (the converter remembers it per currency and day):
                // it may move while the close stands, and a missing one must fail as the book's would.
                var rate = Rate(security.Currency, date);
                if (valued.Known && valued.Cursor == cursor && Identical(valued.Rate, rate) && Identical(valued.Quantity, position.Quantity))
                {
                    return valued.Value;
                }
                // The book's term exactly: quantity × (close × rate).
                var value = position.Quantity * (security.Closes.CloseAt(cursor) * rate);
                valued = new Valued { Known = true, Cursor = cursor, Quantity = position.Quantity, Rate = rate, Value = value };
                return value;
            }
        }
        valued.Known = false; // valued at the last trade price (no close yet): rare, not kept
        return position.Quantity * book.MarketPrice(position, date).Price;
    }

    /// <summary>The converter's rate (the first lookup of a currency and day is its, so a missing rate fails alike).</summary>
    private decimal Rate(string currency, DateOnly date)
    {
        if (!ReferenceEquals(currency, _rateCurrency) || date != _rateDate)
        {
            _rate = book.Converter.Rate(currency, date);
            (_rateCurrency, _rateDate) = (currency, date);
        }
        return _rate;
    }

    /// <summary>Same value and same scale: the same digits in every product.</summary>
    private static bool Identical(decimal a, decimal b) => a == b && a.Scale == b.Scale;
}
