namespace FraudStream.Scoring.Features;

/// <summary>
/// The positions of <see cref="FeatureVector"/>, from the point of view of the number the state is kept for
/// (the caller on the outbound side, the callee on the inbound side). Windowed values are exponentially
/// decayed counts: for a steady rate r they equal r × window, and a burst of n events just now counts n.
/// <see cref="ImeiChanges1h"/> and <see cref="CellChanges1h"/> are NaN (missing) while none of the number's records
/// reported the field: CDRs from many networks omit them, and absence is not evidence.
/// The model is trained on exactly this layout; append, never reorder.
/// </summary>
public static class Feature
{
    public const int Calls1m = 0;
    public const int Calls15m = 1;
    public const int Calls1h = 2;
    public const int Sms1m = 3;
    public const int Sms15m = 4;
    public const int Sms1h = 5;
    public const int UnansweredRatio1h = 6;
    public const int ShortCallRatio1h = 7;
    public const int NewCounterparts15m = 8;
    public const int NewCounterparts1h = 9;
    public const int RepeatRatio1h = 10;
    public const int InternationalShare1h = 11;
    public const int NightShare1h = 12;
    public const int MeanDuration1h = 13;
    public const int MeanRing1h = 14;
    public const int ImeiChanges1h = 15;
    public const int CellChanges1h = 16;
    public const int PairEvents1h = 17;
    public const int FirstContact = 18;
    public const int EventDuration = 19;
    public const int EventRing = 20;
    public const int EventAnswered = 21;
    public const int EventInternational = 22;
    public const int EventSms = 23;
    public const int EventNight = 24;
    public const int CounterpartForeign = 25;

    /// <summary>Events to numbers this one never dealt with before (as far as the pair memory reaches), 15 minutes.</summary>
    public const int FirstContacts15m = 26;

    /// <summary>As <see cref="FirstContacts15m"/> over the hour. New-this-hour counts a contact called yesterday too; this does not.</summary>
    public const int FirstContacts1h = 27;

    public const int Count = 28;

    /// <summary>Names in layout order, for explanations and the model's feature names.</summary>
    public static readonly string[] Names =
    [
        "calls_1m", "calls_15m", "calls_1h", "sms_1m", "sms_15m", "sms_1h", "unanswered_ratio_1h", "short_call_ratio_1h",
        "new_counterparts_15m", "new_counterparts_1h", "repeat_ratio_1h", "international_share_1h", "night_share_1h",
        "mean_duration_1h", "mean_ring_1h", "imei_changes_1h", "cell_changes_1h", "pair_events_1h", "first_contact",
        "event_duration", "event_ring", "event_answered", "event_international", "event_sms", "event_night", "counterpart_foreign",
        "first_contacts_15m", "first_contacts_1h",
    ];
}
