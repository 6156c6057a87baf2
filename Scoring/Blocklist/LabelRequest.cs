namespace FraudStream.Scoring.Blocklist;

/// <summary>A label to put on a number with <see cref="LabelStore.AddAsync"/>.</summary>
/// <param name="Number">E.164 digits as an integer (<c>PhoneNumber.Value</c>).</param>
/// <param name="Category">What the number is labelled as.</param>
/// <param name="Source">Who labels it.</param>
/// <param name="Reason">Free text; may be empty.</param>
public sealed record LabelRequest(ulong Number, LabelCategory Category, LabelSource Source, string Reason = "")
{
    /// <summary>Overrides the category's default action (<see cref="LabelNames.DefaultAction"/>).</summary>
    public LabelAction? Action { get; init; }

    /// <summary>When the label stops applying; null = never.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>
    /// Event time after which the label acts (<see cref="LabelInfo.FromMs"/>); null = at once. The closed loop
    /// sets it, so that a replay of the same records is labelled from the same record as the first run.
    /// </summary>
    public DateTimeOffset? From { get; init; }

    /// <summary>The action the label will have.</summary>
    public LabelAction EffectiveAction => Action ?? LabelNames.DefaultAction(Category);
}
