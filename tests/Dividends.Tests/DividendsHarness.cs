using Microsoft.Extensions.DependencyInjection;

namespace PortfolioTracker.Dividends.Tests;

/// <summary>The Dividends service in process, with a way to arrange a user's dividends past RLS.</summary>
public sealed class DividendsHarness : ServiceHarness<Program>
{
    /// <summary>What the service logged, through its own level filters.</summary>
    public LogRecorder Logs { get; } = new();

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(Logs);

    public Task AddDividendAsync(Guid userId, string symbol, string exDate, string amount, string status = "pending") =>
        ExecuteAsync(
            """
            insert into user_dividends (user_id, symbol, ex_date, pay_date, amount, currency, shares_held_at_ex_date, total_amount, status)
            values ($1, $2, $3::date, $3::date + 14, $4::numeric, 'USD', 10, $4::numeric * 10, $5)
            """,
            userId, symbol, exDate, amount, status);
}
