using PortfolioTracker.Portfolio.Alerts;
using PortfolioTracker.Portfolio.Data;
using PortfolioTracker.Portfolio.Domain.Alerts;
using PortfolioTracker.ServiceDefaults.Data;
using PortfolioTracker.ServiceDefaults.Messaging;
using StackExchange.Redis;

namespace PortfolioTracker.Portfolio.Workers;

/// <summary>
/// Evaluates price alerts as MarketData stores closes: fires the alerts each close crosses and
/// announces each on <see cref="AlertChannels.Fired"/>. Runs as service_role: this is
/// ingestion-side work across users, asked for by no user token. Every replica evaluates every
/// close; the firing statement makes sure each alert fires (and is announced) once.
/// </summary>
public sealed partial class PriceAlertEvaluator(
    IConnectionMultiplexer redis,
    RlsDatabase database,
    AlertRepository alerts,
    TimeProvider clock,
    ILogger<PriceAlertEvaluator> logger) : TopicListener<PriceAnnouncement>(redis, PriceAnnouncement.Topic, logger)
{
    protected override async Task HandleAsync(PriceAnnouncement close, CancellationToken cancellationToken)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        if (!AlertRules.IsCurrent(close, today))
        {
            LogSkippedOldClose(Logger, close.Symbol, close.Date);
            return;
        }

        var fired = await database.RunAsync(DbClaims.ServiceRole,
            session => alerts.FireAsync(session, close, cancellationToken), cancellationToken);
        if (fired.Count == 0)
        {
            return;
        }
        LogFired(Logger, fired.Count, close.Symbol, close.Close);

        // The alerts are stored as fired already; announcing them only feeds open streams, so
        // Redis being down costs the live notification, not the alert.
        try
        {
            foreach (var alert in fired)
            {
                await AlertChannels.Fired.PublishAsync(Redis, alert);
            }
        }
        catch (Exception exception) when (exception is RedisException or TimeoutException)
        {
            LogAnnounceFailed(Logger, exception, fired.Count, close.Symbol);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Close of {Symbol} on {Date} is too old to fire alerts")]
    private static partial void LogSkippedOldClose(ILogger logger, string symbol, DateOnly date);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} price alert(s) of {Symbol} fired at {Close}")]
    private static partial void LogFired(ILogger logger, int count, string symbol, decimal close);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not announce {Count} fired alert(s) of {Symbol}: Redis unavailable")]
    private static partial void LogAnnounceFailed(ILogger logger, Exception exception, int count, string symbol);
}
