namespace PortfolioTracker.MarketData.Providers;

/// <summary>
/// Provider logs. Fields are function names, symbols and counts, never the API key or a
/// request URL (the URL carries the key).
/// </summary>
internal static partial class ProviderLog
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Service} {Function} {Subject} served from cache")]
    public static partial void ServedFromCache(ILogger logger, string service, string function, string subject);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} {Function} {Subject}: calling out ({CallsToday} calls today)")]
    public static partial void CallingOut(ILogger logger, string service, string function, string subject, int callsToday);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} {Function} {Subject} failed: {Kind} {Reason}")]
    public static partial void CallFailed(ILogger logger, string service, string function, string subject, MarketDataProviderErrorKind kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} {Function} {Subject} timed out after {Timeout}")]
    public static partial void AttemptTimedOut(ILogger logger, string service, string function, string subject, TimeSpan timeout);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} call refused: {Scope} budget spent, retry after {RetryAfter}")]
    public static partial void QuotaSpent(ILogger logger, string service, RateLimitScope scope, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} call refused: circuit open, retry after {RetryAfter}")]
    public static partial void CircuitRefused(ILogger logger, string service, TimeSpan retryAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} circuit opened after {ConsecutiveFailures} consecutive failures")]
    public static partial void CircuitOpened(ILogger logger, string service, int consecutiveFailures);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} circuit closed")]
    public static partial void CircuitClosed(ILogger logger, string service);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Service} state restored: circuit {State}, {CallsToday} calls today")]
    public static partial void StateRestored(ILogger logger, string service, Resilience.CircuitState state, int callsToday);

    // The exception is a database error: it cannot contain the API key.
    [LoggerMessage(Level = LogLevel.Warning, Message = "{Service} state store failed to {Operation}")]
    public static partial void StoreFailed(ILogger logger, string service, string operation, Exception exception);
}
