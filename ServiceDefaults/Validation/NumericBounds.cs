namespace PortfolioTracker.ServiceDefaults.Validation;

/// <summary>
/// The largest numbers the suite accepts, far beyond any real holding yet small enough that sums
/// over a whole portfolio stay inside <see cref="decimal"/> (about 7.9e28): a transaction's
/// quantity × price + commission is at most <see cref="MaxAmount"/> (1e15), converted at an FX
/// rate of at most <see cref="MaxFxRate"/> (1e9) that is 1e24, so 10,000 such transactions still
/// add up without overflow. Migration 023 holds the database to the same numbers, so a value
/// written straight into a table cannot exceed them either.
/// </summary>
public static class NumericBounds
{
    /// <summary>Shares (or cash units) in one transaction: a trillion.</summary>
    public const decimal MaxQuantity = 1_000_000_000_000m;

    /// <summary>A price per share, a bar's price, a dividend per share or a target price: a billion.</summary>
    public const decimal MaxPrice = 1_000_000_000m;

    /// <summary>A transaction's quantity × price + commission, and a commission on its own.</summary>
    public const decimal MaxAmount = 1_000_000_000_000_000m;

    /// <summary>New shares per old share in a split (a SPLIT's quantity, a bar's split coefficient): a million.</summary>
    public const decimal MaxSplitRatio = 1_000_000m;

    /// <summary>An FX rate lies in [<see cref="MinFxRate"/>, <see cref="MaxFxRate"/>], so its inverse does too.</summary>
    public const decimal MaxFxRate = 1_000_000_000m;

    public const decimal MinFxRate = 0.000000001m;

    /// <summary>
    /// Decimal places kept: enough for the 16 digits broker files write for fractional shares
    /// (0.3333333333333333), while 13 integer digits + 16 still fit a decimal exactly.
    /// </summary>
    public const int MaxDecimalPlaces = 16;

    /// <summary>
    /// A sale that exceeds the holding by at most this many shares closes it exactly: broker files
    /// round fractional quantities (0.3333333333333333 + 0.6666666666666666 sold as 1), and a
    /// millionth of a millionth of a share is far below any fraction a broker trades.
    /// </summary>
    public const decimal SellDustTolerance = 0.000000001m;
}
