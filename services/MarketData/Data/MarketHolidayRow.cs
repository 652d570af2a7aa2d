namespace PortfolioTracker.MarketData.Data;

public sealed record MarketHolidayRow(DateOnly Date, string Name, TimeOnly? EarlyCloseTime);
