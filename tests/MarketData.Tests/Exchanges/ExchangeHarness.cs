using Microsoft.Extensions.DependencyInjection;
using PortfolioTracker.MarketData.Tests.Support;
using PortfolioTracker.TestSupport;

namespace PortfolioTracker.MarketData.Tests.Exchanges;

/// <summary>
/// The MarketData service in process (<see cref="ServiceHarness{TProgram}"/>) with exchange
/// rows arranged by the superuser. The clock is manual so "this year" is chosen by the test.
/// </summary>
public sealed class ExchangeHarness : ServiceHarness<Program>
{
    public ManualClock Clock { get; } = new(new DateTimeOffset(2024, 6, 19, 12, 0, 0, TimeSpan.Zero));

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    /// <summary>A fresh exchange code per test: the tests share one database.</summary>
    public static string NewCode() => "X" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant();

    public Task AddTradingHoursAsync(string symbol, string exchange, string timezone, string open, string close, bool preMarket = false, bool afterHours = false) =>
        ExecuteAsync(
            """
            insert into symbol_exchanges (symbol, exchange, exchange_timezone, market_open_time, market_close_time, has_pre_market, has_after_hours)
            values ($1, $2, $3, $4::time, $5::time, $6, $7)
            """,
            symbol, exchange, timezone, open, close, preMarket, afterHours);

    public Task AddStockAsync(string symbol, string exchange) =>
        ExecuteAsync("insert into stocks (symbol, company_name, exchange, currency) values ($1, $1, $2, 'USD')", symbol, exchange);

    public Task AddHolidayAsync(string exchange, string date, string name, string? earlyClose = null) =>
        ExecuteAsync(
            "insert into market_holidays (exchange, date, name, early_close_time) values ($1, $2::date, $3, $4::time)",
            exchange, date, name, earlyClose);
}
