using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Detectors;
using static FraudStream.Scoring.Tests.Features.Events;

namespace FraudStream.Scoring.Tests.Detectors;

[TestFixture]
public sealed class ThresholdsProviderTests
{
    private string _dir = null!;
    private string _path = null!;

    [SetUp]
    public void CreateFile()
    {
        _dir = Directory.CreateTempSubdirectory("fraudstream-thresholds-").FullName;
        _path = Path.Combine(_dir, "thresholds.json");
        File.Copy(ThresholdsFile.DefaultPath, _path);
    }

    [TearDown]
    public void DeleteFile() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Editing_the_file_changes_decisions_within_seconds_without_restart()
    {
        using var provider = new ThresholdsProvider(_path);
        var reloaded = 0;
        provider.Reloaded += _ => Interlocked.Increment(ref reloaded);
        var victim = Home(1);
        var hook = Call(Number("+85512345678"), victim, Noon, duration: 400);
        Assert.That(new Scorer(provider.Current).Score(hook).Has(FraudKind.VictimWarning), Is.False, "400 s is under the shipped 600 s");

        Write(provider.Current with { VictimWarning = provider.Current.VictimWarning with { MinDurationSec = 300 } });

        Assert.That(() => provider.Current.VictimWarning.MinDurationSec, Is.EqualTo(300f).After(5000, 50), "picked up by the 1 s poll");
        Assert.That(new Scorer(provider.Current).Score(hook).Has(FraudKind.VictimWarning), Is.True);
        Assert.That(Volatile.Read(ref reloaded), Is.EqualTo(1));
        Assert.That(provider.LastError, Is.Null);
    }

    [Test]
    public void Broken_edit_keeps_the_old_thresholds_and_reports_why()
    {
        using var provider = new ThresholdsProvider(_path, pollInterval: Timeout.InfiniteTimeSpan);
        var before = provider.Current;
        string? reported = null;
        provider.ReloadFailed += error => reported = error;

        File.WriteAllText(_path, File.ReadAllText(_path).Replace("\"minDurationSec\": 600", "\"minDurationSec\": -5", StringComparison.Ordinal));
        var swapped = provider.Poll();

        Assert.That(swapped, Is.False);
        Assert.That(provider.Current, Is.SameAs(before));
        Assert.That(provider.LastError, Does.Contain("victimWarning.MinDurationSec"));
        Assert.That(reported, Is.EqualTo(provider.LastError));

        Write(before with { Irsf = before.Irsf with { Enabled = false } });
        Assert.That(provider.Poll(), Is.True, "a fixed file is taken");
        Assert.That(provider.Current.Irsf.Enabled, Is.False);
        Assert.That(provider.LastError, Is.Null);
    }

    [Test]
    public void Unchanged_file_is_not_reloaded()
    {
        using var provider = new ThresholdsProvider(_path, pollInterval: Timeout.InfiniteTimeSpan);
        var before = provider.Current;

        Assert.That(provider.Poll(), Is.False);
        Assert.That(provider.Current, Is.SameAs(before));
    }

    [Test]
    public void Constructor_with_an_invalid_file_fails_naming_the_file()
    {
        File.WriteAllText(_path, "{ not json");

        Assert.That(() => new ThresholdsProvider(_path), Throws.TypeOf<InvalidDataException>().With.Message.Contains(_path));
    }

    private void Write(Thresholds thresholds)
    {
        // Write to a temporary file and move it in, as editors and config management do.
        var temp = _path + ".tmp";
        File.WriteAllText(temp, ThresholdsFile.Serialize(thresholds));
        File.Move(temp, _path, overwrite: true);
    }
}
