namespace PortfolioTracker.MarketData.Domain;

/// <summary>
/// A pair's daily rates over a range, derived like single rates (<see cref="FxConversion"/>):
/// on every date any needed leg has a stored rate, each leg contributes its last rate on or
/// before that date. Dates before every leg has a rate are left out.
/// </summary>
public static class FxSeriesBuilder
{
    public static IReadOnlyList<(DateOnly Date, decimal Rate)> Build(
        string from, string to, IReadOnlyDictionary<(string From, string To), IReadOnlyList<(DateOnly Date, decimal Rate)>> stored)
    {
        var legs = FxConversion.Candidates(from, to)
            .Where(stored.ContainsKey)
            .ToDictionary(pair => pair, pair => stored[pair]);
        var dates = legs.Values.SelectMany(rates => rates.Select(r => r.Date)).Distinct().Order().ToList();

        var series = new List<(DateOnly, decimal)>(dates.Count);
        foreach (var date in dates)
        {
            var resolved = FxConversion.Resolve(from, to, date, (f, t) =>
                legs.TryGetValue((f, t), out var rates) && LastOnOrBefore(rates, date) is { } rate
                    ? new StoredRate(f, t, rate.Date, rate.Rate)
                    : null);
            if (resolved is not null)
            {
                series.Add((date, resolved.Rate));
            }
        }
        return series;
    }

    /// <summary>Binary search in a list sorted by date.</summary>
    private static (DateOnly Date, decimal Rate)? LastOnOrBefore(IReadOnlyList<(DateOnly Date, decimal Rate)> rates, DateOnly date)
    {
        int low = 0, high = rates.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (rates[middle].Date <= date)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return found < 0 ? null : rates[found];
    }
}
