using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pps.Tests.Infrastructure;

/// <summary>Every log line the hub writes during the test run (all fixtures), so tests can prove secrets never reach a log.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private static readonly ConcurrentQueue<string> Lines = new();

    public static IReadOnlyCollection<string> All => Lines.ToArray();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        // Everything, including Debug: a secret must not be in any log at any level.
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = $"{logLevel} {category}: {formatter(state, exception)} {exception}";
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                line += " " + string.Join(" ", values.Select(v => $"{v.Key}={v.Value}"));
            }

            Lines.Enqueue(line);
            while (Lines.Count > 200_000 && Lines.TryDequeue(out _))
            {
            }
        }
    }
}
