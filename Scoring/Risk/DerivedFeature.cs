namespace FraudStream.Scoring.Risk;

/// <summary>
/// A ratio of two columns the trees cannot form themselves (a tree splits on one column at a time): missing when
/// either is missing or the denominator is 0.
/// </summary>
public sealed record DerivedFeature(string Name, string Numerator, string Denominator, string Meaning)
{
    /// <summary>Every ratio FraudStream knows, by name; a model names the ones it uses.</summary>
    public static readonly IReadOnlyList<DerivedFeature> All =
    [
        new("sms_per_call", "sms_count", "opposite_count", "SMS records per voice record"),
        new("outgoing_per_counterpart", "voccalltype1", "opposite_unique", "outgoing calls per distinct counterpart"),
        new("hour_mode_share", "voc_hour_mode_count", "opposite_count", "share of calls in the busiest hour of day"),
        new("day_mode_share", "voc_day_mode_count", "opposite_count", "share of calls on the busiest day of the month"),
        new("calls_per_day", "opposite_count", "voc_day_nunique", "voice records per active day"),
        new("counterparts_per_day", "opposite_unique", "voc_day_nunique", "distinct counterparts per active day"),
        new("counterparts_per_handset", "opposite_unique", "imeis", "distinct counterparts per handset"),
    ];

    public static DerivedFeature? Find(string name) => All.FirstOrDefault(d => d.Name == name);

    public float Of(float numerator, float denominator)
        => float.IsNaN(numerator) || float.IsNaN(denominator) || denominator == 0 ? float.NaN : numerator / denominator;
}
