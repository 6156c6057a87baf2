using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace FraudStream.Scoring.Tests.Blocklist;

/// <summary>A logger that counts what was logged by event id, so a test can wait for something to have happened N times.</summary>
public sealed class EventCounter : ILogger
{
    private readonly ConcurrentDictionary<int, int> _counts = new();

    public int this[int eventId] => _counts.GetValueOrDefault(eventId);

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        => _counts.AddOrUpdate(eventId.Id, 1, static (_, n) => n + 1);
}
