using System.Globalization;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;
using FraudStream.Scoring.Decisions;

namespace FraudStream.Alerts.Records;

/// <summary>The human sentence of an alert reason: what was measured, against which limit, in words an analyst can act on.</summary>
public static class ReasonText
{
    /// <param name="pseudonyms">
    /// When alerts are pseudonymised: numbers are named by their pseudonym, and a prefix rule's range (which can
    /// be as long as a whole number) is left out.
    /// </param>
    public static string Detail(in Detection d, in CallEvent e, BlocklistReplica? blocklist, NumberPseudonymiser? pseudonyms = null)
    {
        var v = Number(d.Value);
        var t = Number(d.Threshold);
        return d.Reason switch
        {
            ReasonCode.Label => LabelDetail(d.Number, blocklist),
            ReasonCode.PrefixRule => PrefixDetail(d.Kind == FraudKind.Irsf ? e.Callee : d.Number, blocklist, pseudonyms),
            ReasonCode.SubscriberBlocksOverseas => $"subscriber opted in to block calls from abroad; caller country code +{e.Caller.CountryCode}",
            ReasonCode.ModelScore => $"model score {d.Value.ToString("0.000", CultureInfo.InvariantCulture)}, threshold {d.Threshold.ToString("0.00", CultureInfo.InvariantCulture)}",
            ReasonCode.ManyUnansweredShortRingsFromAbroad => $"{v} new counterparts in 1 h rung briefly and unanswered from abroad, threshold {t}",
            ReasonCode.HighFanOutShortCalls => $"{v} calls in 15 min, mostly to new numbers and unanswered or short, threshold {t}",
            ReasonCode.SmsToManyNewRecipients => $"{v} SMS in 15 min, mostly to new recipients, threshold {t}",
            ReasonCode.RepeatedUnwantedCallsToOneNumber => $"{v} calls or SMS to the same number in 1 h, mostly unanswered or short, threshold {t}",
            ReasonCode.LongInternationalCallsPumped => $"mean answered duration {v} s in 1 h of mostly long international calls, threshold {t} s",
            ReasonCode.ManyDistinctCalleesFromStaticCell => $"{v} distinct new home numbers called in 1 h from one cell without SMS, threshold {t}",
            ReasonCode.FloodedByManyCallers => $"{v} calls received in 15 min from many callers, mostly unanswered, threshold {t}",
            ReasonCode.FloodedByOneCaller => $"{v} calls received from one caller in 1 h, threshold {t}",
            ReasonCode.LongCallFromFirstTimeForeignNumber => $"answered call of {v} s from a first-time foreign number, threshold {t} s",
            ReasonCode.ManyNewForeignNumbersCalled => $"{v} new foreign numbers called in 1 h, almost all traffic international, threshold {t}",
            ReasonCode.UnwantedEventsToOneNumberForHours => $"{v} calls or SMS to one number first reached unanswered and never talked with, none a day apart, threshold {t}",
            ReasonCode.FloodedByFewPersistentCallers => $"{v} calls received in 1 h from a few callers calling again and again, mostly unanswered, threshold {t}",
            ReasonCode.CalledByNumberFloodingAnother => $"the caller was flooding another subscriber {v} min ago (remembered {t} min)",
            _ => $"value {v}, threshold {t}",
        };
    }

    private static string LabelDetail(PhoneNumber number, BlocklistReplica? blocklist)
        => blocklist is not null && blocklist.TryGetLabel(number.Value, out var label)
            ? $"labelled {LabelNames.Name(label.Category)} by {LabelNames.Name(label.Source)}, action {LabelNames.Name(label.Action)}"
            : "labelled on the blocklist";

    private static string PrefixDetail(PhoneNumber number, BlocklistReplica? blocklist, NumberPseudonymiser? pseudonyms)
    {
        if (blocklist is null || !blocklist.TryMatchPrefix(number.Value, number.Digits, out var rule))
            return $"{Name(number, pseudonyms)} is in a listed prefix range";
        return pseudonyms is null
            ? $"{number} is in the range +{rule.Prefix.ToString(CultureInfo.InvariantCulture)} ({LabelNames.Name(rule.Category)}), action {LabelNames.Name(rule.Action)}"
            : $"{pseudonyms.Pseudonym(number)} is in a listed range ({LabelNames.Name(rule.Category)}), action {LabelNames.Name(rule.Action)}";
    }

    private static string Name(PhoneNumber number, NumberPseudonymiser? pseudonyms)
        => pseudonyms is null ? number.ToString() : pseudonyms.Pseudonym(number);

    private static string Number(float value)
        => value.ToString(MathF.Abs(value) >= 100 || value == MathF.Round(value) ? "0" : "0.#", CultureInfo.InvariantCulture);
}
