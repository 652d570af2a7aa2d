using StackExchange.Redis;

namespace PortfolioTracker.OperationsService.Data;

/// <summary>
/// A Redis connection of its own for the health report: INFO is an admin command, which the
/// services' shared connection does not allow. Connected on first use, never failing the start.
/// </summary>
public sealed class RedisStatistics(string? connectionString) : IDisposable
{
    private readonly Lazy<IConnectionMultiplexer?> _connection = new(() =>
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            return null;
        }
        var options = ConfigurationOptions.Parse(connectionString);
        options.AllowAdmin = true;
        options.AbortOnConnectFail = false;
        options.ConnectTimeout = 2000;
        return ConnectionMultiplexer.Connect(options);
    });

    public IConnectionMultiplexer? Connection => _connection.Value;

    public void Dispose()
    {
        if (_connection.IsValueCreated)
        {
            _connection.Value?.Dispose();
        }
    }
}
