namespace PortfolioTracker.MarketData.Data;

/// <summary>Trading hours as stored for an exchange's symbols; null fields when none are stored.</summary>
public sealed record ExchangeRow(
    string Code, string? Timezone, TimeOnly? OpenTime, TimeOnly? CloseTime, bool HasPreMarket, bool HasAfterHours, int SymbolCount);
