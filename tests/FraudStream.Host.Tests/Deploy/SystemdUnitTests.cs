using FraudStream.Tests.Shared;

namespace FraudStream.Host.Tests.Deploy;

/// <summary>
/// deploy/systemd/fraudstream.service as systemd reads it. <c>systemd-analyze verify</c> checks that the programs it
/// starts exist and are executable, so the tests verify a copy whose <c>/opt/fraudstream/fraudstream</c> is the
/// fraudstream built beside them; everything else is the unit as shipped. <c>DynamicUser=yes</c> needs no user on
/// this machine. systemd-analyze comes with Debian's systemd package (deploy/setup.sh installs it).
/// </summary>
[TestFixture]
[NonParallelizable]
public sealed class SystemdUnitTests
{
    private const string InstalledExecutable = "/opt/fraudstream/fraudstream";

    private string _directory = null!;
    private string _unit = null!;

    [SetUp]
    public void CopyUnit()
    {
        var executable = Path.Combine(AppContext.BaseDirectory, "fraudstream");
        Assert.That(File.Exists(executable), Is.True, $"{executable}: the fraudstream apphost is not beside the tests");
        var text = File.ReadAllText(DeployFiles.Unit);
        Assert.That(text, Does.Contain("ExecStart=" + InstalledExecutable + " run "), "the unit starts the published executable");
        _directory = Directory.CreateTempSubdirectory("fraudstream-unit-").FullName;
        _unit = Path.Combine(_directory, "fraudstream.service");
        File.WriteAllText(_unit, text.Replace(InstalledExecutable, executable, StringComparison.Ordinal));
    }

    [TearDown]
    public void Clean() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Unit_passes_systemd_analyze_verify_without_a_warning()
    {
        var (exit, output, error) = ExternalTool.Run("systemd-analyze", ["verify", _unit]);

        // verify exits 0 on unknown keys and unparseable values too, and only warns: any word from it is a defect.
        Assert.That(exit, Is.Zero, error);
        Assert.That(output + error, Is.Empty);
    }

    [Test]
    public void Unit_hardening_is_rated_ok_by_systemd_analyze_security()
    {
        // systemd's exposure scale is 0-10 (0.0-2.0 "OK"); --threshold takes it times ten and fails above it.
        var (exit, output, error) = ExternalTool.Run("systemd-analyze", ["security", "--offline=true", "--threshold=20", "--no-pager", _unit]);

        Assert.That(exit, Is.Zero, $"exposure above 2.0:\n{output}{error}");
        Assert.That(output, Does.Contain("Overall exposure level for fraudstream.service: ").And.Contain(" OK"));
    }

    [Test]
    public void Unit_checks_before_start_runs_as_its_own_user_and_stops_by_sigterm_with_time_to_drain()
    {
        var settings = Settings(File.ReadAllLines(DeployFiles.Unit));

        Assert.That(settings["ExecStartPre"], Is.EqualTo([InstalledExecutable + " run --check --config /etc/fraudstream/fraudstream.json"]));
        Assert.That(settings["ExecStart"], Is.EqualTo([InstalledExecutable + " run --config /etc/fraudstream/fraudstream.json"]));
        Assert.That(settings["EnvironmentFile"], Is.EqualTo(["/etc/fraudstream/fraudstream.env"]));
        Assert.That((settings["User"][0], settings["DynamicUser"][0], settings["NoNewPrivileges"][0]), Is.EqualTo(("fraudstream", "yes", "yes")));
        Assert.That(settings["CapabilityBoundingSet"], Is.EqualTo([""]), "no capability at all");
        Assert.That((settings["Restart"][0], settings["KillSignal"][0]), Is.EqualTo(("on-failure", "SIGTERM")));
        Assert.That(settings["RestartPreventExitStatus"], Is.EqualTo(["2"]), "exit 2 is bad configuration");

        // The drain's own bounds: 30 s per stage (at once), 10 s flush, 2 x 5 s for the operations endpoint.
        var stop = settings["TimeoutStopSec"][0];
        Assert.That(stop, Does.EndWith("s"));
        Assert.That(int.Parse(stop.TrimEnd('s'), System.Globalization.CultureInfo.InvariantCulture), Is.GreaterThanOrEqualTo(30 + 10 + 10 + 5));
    }

    // Key=value lines of a unit file (comments and sections dropped), every value of a repeated key in order.
    private static Dictionary<string, string[]> Settings(string[] lines)
    {
        var settings = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || line.StartsWith('[') || equals <= 0)
                continue;
            var key = line[..equals];
            if (!settings.TryGetValue(key, out var values))
                settings[key] = values = [];
            values.Add(line[(equals + 1)..]);
        }

        return settings.ToDictionary(s => s.Key, s => s.Value.ToArray(), StringComparer.Ordinal);
    }
}
