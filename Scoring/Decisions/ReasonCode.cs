namespace FraudStream.Scoring.Decisions;

/// <summary>
/// The specific rule that fired, so an alert says why in a word a person can act on. Append, never reorder.
/// <see cref="Detection.Value"/> holds the measured quantity the reason names, <see cref="Detection.Threshold"/> its limit.
/// </summary>
public enum ReasonCode : ushort
{
    None,

    /// <summary>From the blocklist or a policy; the seam for the label replica.</summary>
    Label,

    /// <summary>From the model; the seam for the classifier.</summary>
    ModelScore,

    /// <summary>Value: new counterparts in the last hour of a foreign caller ringing short and unanswered.</summary>
    ManyUnansweredShortRingsFromAbroad,

    /// <summary>Value: calls in 15 minutes, mostly to new numbers and mostly unanswered or short.</summary>
    HighFanOutShortCalls,

    /// <summary>Value: SMS in 15 minutes, mostly to new numbers.</summary>
    SmsToManyNewRecipients,

    /// <summary>Value: events to the same counterpart in the last hour, mostly unanswered or short.</summary>
    RepeatedUnwantedCallsToOneNumber,

    /// <summary>Value: mean answered duration in the last hour of mostly international, long calls.</summary>
    LongInternationalCallsPumped,

    /// <summary>Value: distinct new home numbers called in the last hour from one static cell, without SMS.</summary>
    ManyDistinctCalleesFromStaticCell,

    /// <summary>Value: calls received in 15 minutes from many different callers, mostly unanswered.</summary>
    FloodedByManyCallers,

    /// <summary>Value: calls received from one caller in the last hour.</summary>
    FloodedByOneCaller,

    /// <summary>Value: duration of an answered call from a first-time foreign number.</summary>
    LongCallFromFirstTimeForeignNumber,

    /// <summary>Value: minutes since the caller was seen flooding another subscriber (debt-collection bombing of the victim's contacts).</summary>
    CalledByNumberFloodingAnother,

    /// <summary>The called subscriber opted in to blocking every call from abroad.</summary>
    SubscriberBlocksOverseas,

    /// <summary>The number falls in a range of a prefix rule.</summary>
    PrefixRule,

    /// <summary>Value: distinct new foreign numbers called in the last hour, almost all of the caller's traffic international.</summary>
    ManyNewForeignNumbersCalled,

    /// <summary>Value: calls received in the last hour from a few callers each calling again and again, mostly unanswered.</summary>
    FloodedByFewPersistentCallers,

    /// <summary>
    /// Value: unwanted events (texts, rejected, unanswered or short calls) to a number the caller first reached that way
    /// and never talked with, none a day or more after the one before: a pursuit kept up for hours.
    /// </summary>
    UnwantedEventsToOneNumberForHours,
}
