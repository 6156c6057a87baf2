namespace FraudStream.Scoring.Risk;

/// <summary>
/// The Sichuan dataset's columns by where they come from (docs/risk.md has the mapping): the ones a carrier's CDRs
/// give (<see cref="CdrComputable"/>, computed by <see cref="CdrAggregator"/> with the same names and definitions),
/// and the ones that mostly measure how long a line stayed active (<see cref="Tenure"/>), a signal a real-time
/// detector lacks: fraud lines are cut off early.
/// </summary>
public static class RiskColumns
{
    /// <summary>Voice and SMS aggregates CDRs give, named and defined as in the dataset.</summary>
    public static readonly IReadOnlyList<string> CdrComputable =
    [
        "opposite_count", "opposite_unique", "voccalltype1", "imeis", "voc_calltype1",
        "phone2opposite_mean", "phone2opposite_median", "phone2opposite_max",
        "phone2oppo_sum_mean", "phone2oppo_sum_median", "phone2oppo_sum_max",
        "call_dur_mean", "call_dur_median", "call_dur_max", "call_dur_min", "calltype_id_unique",
        "voc_hour_mode", "voc_hour_mode_count", "voc_hour_nunique", "voc_day_mode", "voc_day_mode_count", "voc_day_nunique",
        "sms_count", "sms_nunique", "sms_rate", "calltype_2", "calltype_rate",
        "hour_mode", "hour_mode_count", "hour_nunique", "day_mode", "day_mode_count", "day_nunique",
    ];

    /// <summary>Days of the month with calls or SMS, months with data: how long the line was in use.</summary>
    public static readonly IReadOnlyList<string> Tenure = ["voc_day_nunique", "day_nunique", "month_ids"];

    public static bool IsCdrComputable(string column) => CdrComputable.Contains(column, StringComparer.Ordinal);

    public static bool IsTenure(string column) => Tenure.Contains(column, StringComparer.Ordinal);
}
