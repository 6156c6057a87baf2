namespace FraudStream.Scoring.Detectors;

/// <summary>
/// The current <see cref="Thresholds"/>, re-read from a JSON file while running: the file's last-write time
/// and length are polled (every second by default; polling works on every file system and through
/// editors that replace the file), and a changed file that parses and validates is swapped in whole,
/// atomically. A bad edit keeps the previous thresholds, sets <see cref="LastError"/> and raises
/// <see cref="ReloadFailed"/>; fixing the file clears it.
/// </summary>
public sealed class ThresholdsProvider : IDisposable
{
    private readonly string _path;
    private readonly ITimer? _timer;
    private Thresholds _current;
    private DateTime _seenWrite;
    private long _seenLength;
    private string? _lastError;
    private int _polling;

    /// <exception cref="InvalidDataException">The file is missing, unreadable or invalid at start; the message says why.</exception>
    public ThresholdsProvider(string path, TimeProvider? time = null, TimeSpan? pollInterval = null)
    {
        _path = System.IO.Path.GetFullPath(path);
        (_seenWrite, _seenLength) = Stamp();
        _current = Load(out var error) ?? throw new InvalidDataException($"{_path}: {error}");
        var interval = pollInterval ?? TimeSpan.FromSeconds(1);
        _timer = (time ?? TimeProvider.System).CreateTimer(static state => ((ThresholdsProvider)state!).PollFromTimer(), this, interval, interval);
    }

    private ThresholdsProvider(Thresholds thresholds)
    {
        _path = "";
        _current = thresholds;
    }

    /// <summary>Thresholds that never change and come from no file (offline evaluation); <see cref="Poll"/> does nothing.</summary>
    public static ThresholdsProvider Fixed(Thresholds thresholds)
        => new(thresholds.Validate() is { } error ? throw new ArgumentException(error, nameof(thresholds)) : thresholds);

    /// <summary>The thresholds to use for the next event.</summary>
    public Thresholds Current => Volatile.Read(ref _current);

    /// <summary>Why the latest edit was refused, or null when the file in effect is the file on disk.</summary>
    public string? LastError => Volatile.Read(ref _lastError);

    public string FilePath => _path;

    /// <summary>Raised (on the polling thread) after new thresholds were swapped in.</summary>
    public event Action<Thresholds>? Reloaded;

    /// <summary>Raised (on the polling thread) with a one-line reason when an edit was refused.</summary>
    public event Action<string>? ReloadFailed;

    /// <summary>Checks the file now; returns whether new thresholds were swapped in.</summary>
    public bool Poll()
    {
        if (_timer is null || Interlocked.Exchange(ref _polling, 1) == 1)
            return false;
        try
        {
            var stamp = Stamp();
            if (stamp == (_seenWrite, _seenLength))
                return false;

            (_seenWrite, _seenLength) = stamp;
            var loaded = Load(out var error);
            if (loaded is null)
            {
                Volatile.Write(ref _lastError, error);
                ReloadFailed?.Invoke(error!);
                return false;
            }

            Volatile.Write(ref _current, loaded);
            Volatile.Write(ref _lastError, null);
            Reloaded?.Invoke(loaded);
            return true;
        }
        finally
        {
            Volatile.Write(ref _polling, 0);
        }
    }

    public void Dispose() => _timer?.Dispose();

    // A throwing handler must not take the process down from a timer thread; the swap already happened.
    private void PollFromTimer()
    {
        try
        {
            Poll();
        }
        catch (Exception ex)
        {
            Volatile.Write(ref _lastError, "a thresholds handler failed: " + ex.Message);
        }
    }

    private (DateTime Write, long Length) Stamp()
    {
        var info = new FileInfo(_path);
        return info.Exists ? (info.LastWriteTimeUtc, info.Length) : (DateTime.MinValue, -1);
    }

    private Thresholds? Load(out string? error)
    {
        string json;
        try
        {
            json = File.ReadAllText(_path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            error = ex.Message;
            return null;
        }

        return ThresholdsFile.TryParse(json, out error);
    }
}
