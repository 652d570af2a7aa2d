using System.Globalization;

namespace PortfolioTracker.ServiceDefaults.Wire;

/// <summary>Dates travel as "YYYY-MM-DD", timestamps as RFC 3339 in UTC.</summary>
public static class DateText
{
    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Format(DateOnly? date) => date is { } d ? Format(d) : "";

    public static string Format(DateTime timestamp) =>
        timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
