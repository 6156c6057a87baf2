using FraudStream.Host.Operations;
using Microsoft.Extensions.Logging;

namespace FraudStream.Host.Tests.Operations;

/// <summary>The endpoint keeps the command's stdout clean: ASP.NET Core's own logs never reach the console.</summary>
[TestFixture]
[NonParallelizable]
public sealed class OperationsServerOutputTests
{
    private static readonly string[] LogEverything = ["Logging__LogLevel__Default", "Logging__LogLevel__Microsoft", "Logging__LogLevel__Microsoft.AspNetCore", "Logging__LogLevel__Microsoft.Hosting.Lifetime"];

    [Test]
    public async Task Start_requests_and_stop_write_nothing_to_the_console_and_log_the_address_once()
    {
        var logger = new ListLogger();
        using var output = new StringWriter();
        using var error = new StringWriter();
        var (stdout, stderr) = (Console.Out, Console.Error);
        Console.SetOut(output);
        Console.SetError(error);
        // What a default ASP.NET Core builder would obey (environment configuration) to log everything to the console.
        foreach (var variable in LogEverything)
            Environment.SetEnvironmentVariable(variable, "Trace");
        try
        {
            await using (var server = await OperationsServer.StartAsync(new OperationsOptions { Listen = "http://127.0.0.1:0" }, static () => (false, "starting"), logger))
            {
                using var http = new HttpClient { BaseAddress = server.Address };
                using var metrics = await http.GetAsync(new Uri("/metrics", UriKind.Relative));
                using var ready = await http.GetAsync(new Uri("/healthz/ready", UriKind.Relative));
                using var missing = await http.GetAsync(new Uri("/nope", UriKind.Relative));
                Assert.That(logger.Messages, Is.EqualTo(new[] { $"Operations endpoint listening on {server.Address} (/metrics, /healthz/live, /healthz/ready)" }));
            }
        }
        finally
        {
            foreach (var variable in LogEverything)
                Environment.SetEnvironmentVariable(variable, null);
            Console.SetOut(stdout);
            Console.SetError(stderr);
        }

        Assert.That(output.ToString(), Is.Empty);
        Assert.That(error.ToString(), Is.Empty);
    }

    private sealed class ListLogger : ILogger
    {
        public List<string> Messages { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Messages)
                Messages.Add(formatter(state, exception));
        }
    }
}
