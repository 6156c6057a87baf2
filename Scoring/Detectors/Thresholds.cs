namespace FraudStream.Scoring.Detectors;

/// <summary>
/// Every rule threshold and each detector's on/off, action and severity: the shape of <c>thresholds.json</c>.
/// Immutable; <see cref="ThresholdsProvider"/> swaps a whole new instance in when the file changes, so a
/// detector sees one consistent set per event. The defaults here equal the shipped file.
/// </summary>
public sealed record Thresholds
{
    public static Thresholds Default { get; } = new();

    public WangiriThresholds Wangiri { get; init; } = new();

    public RobocallThresholds Robocall { get; init; } = new();

    public SmsFloodThresholds SmsFlood { get; init; } = new();

    public HarassmentThresholds Harassment { get; init; } = new();

    public IrsfThresholds Irsf { get; init; } = new();

    public SimboxThresholds Simbox { get; init; } = new();

    public CallBombingThresholds CallBombing { get; init; } = new();

    public VictimWarningThresholds VictimWarning { get; init; } = new();

    /// <summary>The ML.NET classifier's <c>ml_fraud</c> cut-off.</summary>
    public ModelThresholds Model { get; init; } = new();

    /// <summary>Returns a one-line description of the first value out of range, or null when all are usable.</summary>
    public string? Validate()
    {
        return Wangiri.Validate("wangiri") ?? Robocall.Validate("robocall") ?? SmsFlood.Validate("smsFlood")
               ?? Harassment.Validate("harassment") ?? Irsf.Validate("irsf") ?? Simbox.Validate("simbox")
               ?? CallBombing.Validate("callBombing") ?? VictimWarning.Validate("victimWarning") ?? Model.Validate("model");
    }
}
