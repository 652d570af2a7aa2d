namespace PortfolioTracker.ServiceDefaults.Wire;

/// <summary>A date as a number on the wire: days since 1970-01-01 (packed lists of dates).</summary>
public static class EpochDays
{
    private static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;

    public static int From(DateOnly date) => date.DayNumber - Epoch;

    public static DateOnly ToDate(int days) => DateOnly.FromDayNumber(Epoch + days);
}
