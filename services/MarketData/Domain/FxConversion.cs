namespace PortfolioTracker.MarketData.Domain;

/// <summary>
/// Resolves a pair from stored rates: the pair itself, its inverse, or a cross through USD
/// (each leg direct or inverse), whichever is dated closest on or before the asked date, so
/// a stale stored pair never beats a fresh inverse (USD→EUR on 2024-01-02 is the inverse of
/// that day's EUR→USD, not a USD→EUR rate of 2021). On equal dates the stored pair wins, then
/// the inverse, then the cross. The date of a cross rate is the older of its legs' dates, so a
/// caller can tell how current it is. Rates are rounded to 12 decimal places, far below any
/// money amount's precision.
/// </summary>
public static class FxConversion
{
    public const string Pivot = "USD";
    private const int RateDecimals = 12;

    /// <summary>The stored rows a resolution may need, so they can be read in one query.</summary>
    public static IEnumerable<(string From, string To)> Candidates(string from, string to)
    {
        yield return (from, to);
        yield return (to, from);
        if (from != Pivot && to != Pivot)
        {
            yield return (from, Pivot);
            yield return (Pivot, from);
            yield return (to, Pivot);
            yield return (Pivot, to);
        }
    }

    /// <param name="lookup">The latest stored rate of a pair on or before the date, if any.</param>
    public static ResolvedRate? Resolve(string from, string to, DateOnly date, Func<string, string, StoredRate?> lookup)
    {
        if (from == to)
        {
            return new ResolvedRate(from, to, date, 1m, FxDerivation.Identity);
        }
        var direct = Leg(from, to, lookup);
        if (from == Pivot || to == Pivot)
        {
            return direct;
        }
        var cross = Leg(from, Pivot, lookup) is { } first && Leg(Pivot, to, lookup) is { } second
            ? new ResolvedRate(from, to, Older(first.Date, second.Date), Math.Round(first.Rate * second.Rate, RateDecimals), FxDerivation.Cross)
            : null;
        return Fresher(direct, cross);
    }

    /// <summary>The pair as stored or inverted, whichever is fresher.</summary>
    private static ResolvedRate? Leg(string from, string to, Func<string, string, StoredRate?> lookup)
    {
        var stored = lookup(from, to) is { } s ? new ResolvedRate(from, to, s.Date, s.Rate, FxDerivation.Stored) : null;
        var inverse = lookup(to, from) is { } i
            ? new ResolvedRate(from, to, i.Date, Math.Round(1m / i.Rate, RateDecimals), FxDerivation.Inverse)
            : null;
        return Fresher(stored, inverse);
    }

    /// <summary>The later-dated of two candidates; the first on equal dates.</summary>
    private static ResolvedRate? Fresher(ResolvedRate? preferred, ResolvedRate? other) =>
        preferred is null || (other is not null && other.Date > preferred.Date) ? other : preferred;

    private static DateOnly Older(DateOnly a, DateOnly b) => a < b ? a : b;
}
