namespace PortfolioTracker.Portfolio.Domain.Metrics;

/// <summary>
/// A positive decimal in one <c>long</c>, exactly: its integer mantissa shifted left by five bits
/// and its scale (0-28) in those five bits. Unpacking gives back the same decimal, trailing zeros
/// included (12.50 stays 12.50), so figures computed from packed closes are identical to figures
/// computed from the decimals. Mantissas of 58 bits or more (beyond 2.8e17 units of the last
/// digit) do not fit; the caller keeps such a series as decimals.
/// </summary>
internal static class CompactDecimal
{
    private const int ScaleBits = 5;
    private const long ScaleMask = (1 << ScaleBits) - 1;
    private const uint MaxMantissaHigh = (1u << (63 - ScaleBits - 32)) - 1; // upper 32 bits of a 58-bit mantissa

    public static bool TryPack(decimal value, out long packed)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var high = (uint)bits[2];
        var mid = (uint)bits[1];
        var low = (uint)bits[0];
        var negative = bits[3] < 0;
        if (negative || high != 0 || mid > MaxMantissaHigh)
        {
            packed = 0;
            return false;
        }
        var scale = (bits[3] >> 16) & 0xFF;
        var mantissa = ((long)mid << 32) | low;
        packed = (mantissa << ScaleBits) | (long)scale;
        return true;
    }

    public static decimal Unpack(long packed)
    {
        var mantissa = (ulong)packed >> ScaleBits;
        return new decimal((int)(uint)mantissa, (int)(uint)(mantissa >> 32), 0, isNegative: false, (byte)(packed & ScaleMask));
    }
}
