using System.Globalization;

namespace FraudStream.Simulator;

/// <summary>
/// How far a run's world departs from the standard one: activity, answer rates, call lengths, how often the
/// optional fields are reported, the legitimate heavy users it holds and how hard the fraud pushes. Training
/// draws a different variation per run from <see cref="TrainingRanges"/> (domain randomisation), so the model
/// learns fraud rather than one simulator setting; the held-out evaluation plays <see cref="HeldOut"/>, whose
/// values lie outside every training range. <see cref="Standard"/> changes nothing: same options, same bytes.
/// </summary>
public sealed record TrafficVariation
{
    public static TrafficVariation Standard { get; } = new();

    /// <summary>
    /// The held-out world (docs/detection.md): every value outside <see cref="TrainingRanges"/>. Busier and less
    /// answered subscribers, longer calls, optional fields on one record in seven, more heavy callers and call
    /// centres than training ever saw, couriers at five times their rounds, fraud at half its usual push.
    /// </summary>
    public static TrafficVariation HeldOut { get; } = new()
    {
        Activity = 2.6, AnswerRate = 0.65, CallLength = 2.4, CellShare = 0.15, ImeiShare = 0.15,
        CourierIntensity = 5, HeavyCallerShare = 0.015, CallCentresPer100k = 45, FraudIntensity = 0.5,
    };

    /// <summary>
    /// The hardest corner of <see cref="TrainingRanges"/> for false alarms: every value at the end that makes legitimate
    /// traffic look most like fraud and fraud least like itself. <c>train</c> chooses the model's cut-off here too, so
    /// the budget of false warnings holds across the ranges rather than in one draw.
    /// </summary>
    public static TrafficVariation TrainingCorner { get; } = new()
    {
        Activity = 2.2, AnswerRate = 0.75, CallLength = 2.0, CellShare = 0.25, ImeiShare = 0.25,
        CourierIntensity = 4, HeavyCallerShare = 0.01, CallCentresPer100k = 30, FraudIntensity = 0.6,
    };

    /// <summary>The ranges training draws from, per property (inclusive). <see cref="HeldOut"/> lies outside each.</summary>
    public static IReadOnlyDictionary<string, (double Min, double Max)> TrainingRanges { get; } = new Dictionary<string, (double, double)>
    {
        [nameof(Activity)] = (0.5, 2.2),
        [nameof(AnswerRate)] = (0.75, 1.2),
        [nameof(CallLength)] = (0.5, 2.0),
        [nameof(CellShare)] = (0.25, 1),
        [nameof(ImeiShare)] = (0.25, 1),
        [nameof(CourierIntensity)] = (0.5, 4),
        [nameof(HeavyCallerShare)] = (0, 0.01),
        [nameof(CallCentresPer100k)] = (0, 30),
        [nameof(FraudIntensity)] = (0.6, 1.8),
    };

    /// <summary>Multiplies every subscriber's everyday calls and texts.</summary>
    public double Activity { get; init; } = 1;

    /// <summary>Multiplies the answer rate of ordinary calls (kept within 5-98 %).</summary>
    public double AnswerRate { get; init; } = 1;

    /// <summary>Multiplies the median talk time of ordinary calls.</summary>
    public double CallLength { get; init; } = 1;

    /// <summary>Share of home-network records that report the serving cell (the rest omit <c>cellId</c>).</summary>
    public double CellShare { get; init; } = 1;

    /// <summary>Share of home-network records that report the handset (the rest omit <c>imei</c>).</summary>
    public double ImeiShare { get; init; } = 1;

    /// <summary>Multiplies each courier's calls per day (80 at 1).</summary>
    public double CourierIntensity { get; init; } = 1;

    /// <summary>Share of subscribers who are heavy but ordinary callers: bursts of calls to their own contacts.</summary>
    public double HeavyCallerShare { get; init; }

    /// <summary>Outbound call centres on mobile lines per 100,000 subscribers: dozens of answered calls to strangers an hour, office hours, from one cell.</summary>
    public double CallCentresPer100k { get; init; }

    /// <summary>Multiplies every fraud actor's intensity.</summary>
    public double FraudIntensity { get; init; } = 1;

    /// <summary>A variation drawn uniformly from <see cref="TrainingRanges"/> (deterministic for <paramref name="seed"/>).</summary>
    public static TrafficVariation Draw(ulong seed)
    {
        var rng = new Randomness.Rng(seed ^ 0x5851F42D4C957F2DUL);
        double Pick(string name) => rng.Uniform(TrainingRanges[name].Min, TrainingRanges[name].Max);
        return new TrafficVariation
        {
            Activity = Pick(nameof(Activity)), AnswerRate = Pick(nameof(AnswerRate)), CallLength = Pick(nameof(CallLength)),
            CellShare = Pick(nameof(CellShare)), ImeiShare = Pick(nameof(ImeiShare)), CourierIntensity = Pick(nameof(CourierIntensity)),
            HeavyCallerShare = Pick(nameof(HeavyCallerShare)), CallCentresPer100k = Pick(nameof(CallCentresPer100k)), FraudIntensity = Pick(nameof(FraudIntensity)),
        };
    }

    /// <summary>Returns a one-line description of what is wrong, or null when the variation is usable.</summary>
    public string? Validate()
    {
        if (!(Activity is > 0 and <= 10) || !(AnswerRate is > 0 and <= 2) || !(CallLength is > 0 and <= 10))
            return "variation: activity, answer rate and call length must be positive multipliers (activity and length at most 10, answer rate at most 2)";
        if (!(CellShare is >= 0 and <= 1) || !(ImeiShare is >= 0 and <= 1) || !(HeavyCallerShare is >= 0 and <= 0.1))
            return "variation: cell and IMEI shares must be fractions 0 to 1, the heavy-caller share 0 to 0.1";
        if (!(CourierIntensity is > 0 and <= 20) || !(CallCentresPer100k is >= 0 and <= 1000) || !(FraudIntensity is > 0 and <= 10))
            return "variation: courier intensity 0-20, call centres 0-1000 per 100k, fraud intensity 0-10";
        return null;
    }

    /// <summary>The answer rate <paramref name="rate"/> under this variation.</summary>
    internal double Answer(double rate) => AnswerRate == 1 ? rate : Math.Clamp(rate * AnswerRate, 0.05, 0.98);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"activity {Activity:0.##}, answer {AnswerRate:0.##}, length {CallLength:0.##}, cell {CellShare:0.##}, imei {ImeiShare:0.##}, couriers {CourierIntensity:0.##}, heavy {HeavyCallerShare:0.####}, centres {CallCentresPer100k:0.#}/100k, fraud {FraudIntensity:0.##}");
}
