using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FeatureStore.Serving.Tests.Access;

/// <summary>Keeps every log line (every level, exceptions included) a server writes, to check what it says and what it never says.</summary>
internal sealed class LogCollector : ILoggerProvider
{
    private readonly ConcurrentQueue<(LogLevel Level, int EventId, string Text)> lines = new();

    public IReadOnlyList<(LogLevel Level, int EventId, string Text)> Lines => [.. lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(LogCollector owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            owner.lines.Enqueue((logLevel, eventId.Id, $"{category}: {formatter(state, exception)} {exception}"));
        }
    }
}
