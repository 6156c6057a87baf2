using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace FraudStream.Host.Tests.Operations;

/// <summary>A child <c>fraudstream</c>'s stdout and stderr, drained in the background, and the operations address it logs.</summary>
internal sealed partial class RunOutput
{
    private readonly Process _process;
    private readonly StringBuilder _text = new();
    private readonly TaskCompletionSource<Uri> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RunOutput(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public bool Exited => _process.HasExited;

    public string Text
    {
        get
        {
            lock (_text)
                return _text.ToString();
        }
    }

    /// <summary>The address of <c>Operations endpoint listening on …</c>, with the real port of <c>Operations:Listen</c> port 0.</summary>
    public async Task<Uri> MetricsAddressAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!_address.Task.IsCompleted)
        {
            if (_process.HasExited || deadline.Elapsed > timeout)
                Assert.Fail($"fraudstream run logged no operations address within {timeout.TotalSeconds:F0} s:\n{Text}");
            await Task.WhenAny(_address.Task, Task.Delay(200));
        }

        return await _address.Task;
    }

    private void Keep(string? line)
    {
        if (line is null)
            return;
        lock (_text)
            _text.AppendLine(line);
        if (ListeningPattern().Match(line) is { Success: true } match)
            _address.TrySetResult(new Uri(match.Groups[1].Value));
    }

    [GeneratedRegex(@"Operations endpoint listening on (http://\S+)")]
    private static partial Regex ListeningPattern();
}
