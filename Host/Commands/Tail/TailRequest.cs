using FraudStream.Scoring.Decisions;

namespace FraudStream.Host.Commands.Tail;

/// <summary>What <c>fraudstream tail</c> was asked for, checked; numbers are parsed later, with the configured home country.</summary>
/// <param name="Kinds">Only these kinds; empty means every kind.</param>
/// <param name="MinSeverity">Only alerts at least this severe.</param>
/// <param name="Numbers">Only alerts naming one of these numbers, as typed.</param>
/// <param name="Json">Print each value as received instead of a readable line.</param>
/// <param name="FromBeginning">Start at the beginning of every partition instead of the end.</param>
/// <param name="Max">Stop after printing this many alerts.</param>
/// <param name="Idle">Stop after this long without printing an alert.</param>
internal sealed record TailRequest(
    IReadOnlySet<string> Kinds,
    Severity MinSeverity,
    IReadOnlyList<string> Numbers,
    bool Json,
    bool FromBeginning,
    long? Max,
    TimeSpan? Idle);
