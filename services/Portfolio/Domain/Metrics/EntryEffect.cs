namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// What one applied BUY, SELL, DIVIDEND, SPLIT, FEE or TAX did outside its position: the amount in
/// the base currency that went to cash and the day's flows, and whether it also went to the
/// account's fees (a SPLIT's commission when nothing was held, a FEE on no held or known security).
/// <see cref="Book.Apply"/> computes it once (FX included); <see cref="Book.Carry"/> repeats it.
/// </summary>
internal readonly record struct EntryEffect(decimal Amount, bool ToAccountFees);

/// <summary>
/// The <see cref="EntryEffect"/> of every entry of a ledger, by index, in 16 bytes and a bit each:
/// an array of the struct took 24 (its flag padded to the decimal's alignment), 2.4 MB for a
/// 100,000-entry ledger, copied by every rebuild.
/// </summary>
internal sealed class EntryEffects(int count)
{
    private readonly decimal[] _amounts = new decimal[count];
    private readonly ulong[] _toAccountFees = new ulong[(count + 63) / 64];

    public int Count => _amounts.Length;

    public long ApproximateBytes => _amounts.Length * 16L + _toAccountFees.Length * 8L;

    public EntryEffect this[int index]
    {
        // A shift of a ulong counts modulo 64: 1UL << index is the index's bit within its word.
        get => new(_amounts[index], (_toAccountFees[index >> 6] & (1UL << index)) != 0);
        set
        {
            _amounts[index] = value.Amount;
            if (value.ToAccountFees) _toAccountFees[index >> 6] |= 1UL << index;
            else _toAccountFees[index >> 6] &= ~(1UL << index);
        }
    }

    /// <summary>Copies the first <paramref name="count"/> effects of <paramref name="source"/> (those of the same entries).</summary>
    public void CopyFrom(EntryEffects source, int count)
    {
        ArgumentNullException.ThrowIfNull(source);
        Array.Copy(source._amounts, _amounts, count);
        var words = count >> 6;
        Array.Copy(source._toAccountFees, _toAccountFees, words);
        for (var i = words << 6; i < count; i++) this[i] = source[i]; // the bits of the last, partly copied word
    }
}
