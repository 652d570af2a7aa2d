namespace PortfolioTracker.MarketData.Domain;

/// <summary>The kinds of dividend <c>dividend_events.dividend_type</c> allows, as they travel.</summary>
public static class DividendTypes
{
    public const string Cash = "cash";
    public const string Stock = "stock";
    public const string Drp = "drp";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal) { Cash, Stock, Drp };
}
