using Microsoft.Extensions.Logging;

namespace PortfolioTracker.TestSupport;

/// <summary>Every log entry a service under test writes, at whatever level its filters let through.</summary>
public sealed class LogRecorder : ILoggerProvider
{
    private readonly List<(string Category, LogLevel Level, string Message)> _entries = [];

    public IReadOnlyList<(string Category, LogLevel Level, string Message)> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>What an operator would read: entries at Information and above, as "Level: message".</summary>
    public IReadOnlyList<string> Messages =>
        [.. Entries.Where(entry => entry.Level >= LogLevel.Information).Select(entry => $"{entry.Level}: {entry.Message}")];

    public ILogger CreateLogger(string categoryName) => new Recorder(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Recorder(LogRecorder owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (owner._entries)
            {
                owner._entries.Add((category, logLevel, formatter(state, exception)));
            }
        }
    }
}
