namespace FraudStream.Scoring.Blocklist;

/// <summary>A label as Redis holds it, with its reason and history: what the CLI lists and explanations show.</summary>
/// <param name="Number">The labelled number: E.164 digits as an integer (<c>PhoneNumber.Value</c>).</param>
/// <param name="Category">What the number is labelled as.</param>
/// <param name="Source">Who labelled it.</param>
/// <param name="Action">What the label makes the scorer do.</param>
/// <param name="Reason">Free text: the case, the court order, the detector that fired.</param>
/// <param name="CreatedMs">When the label was set, Unix milliseconds UTC.</param>
/// <param name="ExpiresMs">When it stops applying, Unix milliseconds UTC; 0 = never.</param>
/// <param name="Actor">Who set it (<c>cli:alice</c>, <c>auto:wangiri-detector</c>).</param>
/// <param name="FromMs">Event time after which it acts (<see cref="LabelInfo.FromMs"/>); 0 = at once.</param>
public sealed record LabelRecord(
    ulong Number,
    LabelCategory Category,
    LabelSource Source,
    LabelAction Action,
    string Reason,
    long CreatedMs,
    long ExpiresMs,
    string Actor,
    long FromMs = 0)
{
    public LabelInfo Info => new(Category, Source, Action, ExpiresMs, FromMs);
}
