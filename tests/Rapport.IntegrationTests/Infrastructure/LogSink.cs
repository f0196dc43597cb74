using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Rapport.IntegrationTests.Infrastructure;

/// <summary>
/// Keeps what the app logs, after the app's own level filters (appsettings.json), so a test can prove
/// that a secret never reaches a log. Bounded: the oldest lines are dropped.
/// </summary>
public sealed class LogSink : ILoggerProvider
{
    private const int Capacity = 20_000;
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        while (_lines.Count > Capacity && _lines.TryDequeue(out _))
        {
        }
    }

    private sealed class Logger(LogSink sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Add($"{logLevel} {category}: {formatter(state, exception)} {exception}");
    }
}
