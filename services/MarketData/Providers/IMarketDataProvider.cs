namespace PortfolioTracker.MarketData.Providers;

/// <summary>
/// A source of market data (Alpha Vantage today, offline files tomorrow). Returns plain
/// records; failures surface as <see cref="MarketDataProviderException"/>.
/// </summary>
public interface IMarketDataProvider
{
    /// <summary>Daily bars, oldest first. Unadjusted series report adjusted close = close, no dividend, split 1.</summary>
    Task<IReadOnlyList<DailyBar>> GetDailyPricesAsync(string symbol, OutputSize outputSize, bool adjusted, CancellationToken cancellationToken);

    /// <summary>Daily closing rates (1 <paramref name="fromCurrency"/> = rate <paramref name="toCurrency"/>), oldest first.</summary>
    Task<IReadOnlyList<FxDailyRate>> GetFxDailyAsync(string fromCurrency, string toCurrency, OutputSize outputSize, CancellationToken cancellationToken);

    Task<CompanyOverview> GetOverviewAsync(string symbol, CancellationToken cancellationToken);

    Task<IncomeStatement> GetIncomeStatementAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Dividend events, oldest first.</summary>
    Task<IReadOnlyList<DividendEvent>> GetDividendsAsync(string symbol, CancellationToken cancellationToken);

    /// <summary>Split events, oldest first.</summary>
    Task<IReadOnlyList<SplitEvent>> GetSplitsAsync(string symbol, CancellationToken cancellationToken);

    Task<Quote> GetQuoteAsync(string symbol, CancellationToken cancellationToken);
}
