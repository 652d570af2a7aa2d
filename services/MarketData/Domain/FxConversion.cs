namespace PortfolioTracker.MarketData.Domain;

/// <summary>
/// Resolves a pair from stored rates: the pair itself, else its inverse, else a cross
/// through USD (each leg direct or inverse). The date of a derived rate is the older of its
/// legs' dates, so a caller can tell how current it is. Rates are rounded to 12 decimal
/// places, far below any money amount's precision.
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
        if (Leg(from, to, lookup) is { } direct)
        {
            return direct;
        }
        if (from == Pivot || to == Pivot)
        {
            return null;
        }
        if (Leg(from, Pivot, lookup) is { } first && Leg(Pivot, to, lookup) is { } second)
        {
            var older = first.Date < second.Date ? first.Date : second.Date;
            return new ResolvedRate(from, to, older, Math.Round(first.Rate * second.Rate, RateDecimals), FxDerivation.Cross);
        }
        return null;
    }

    private static ResolvedRate? Leg(string from, string to, Func<string, string, StoredRate?> lookup)
    {
        if (lookup(from, to) is { } stored)
        {
            return new ResolvedRate(from, to, stored.Date, stored.Rate, FxDerivation.Stored);
        }
        if (lookup(to, from) is { } inverse)
        {
            return new ResolvedRate(from, to, inverse.Date, Math.Round(1m / inverse.Rate, RateDecimals), FxDerivation.Inverse);
        }
        return null;
    }
}
