using System.Runtime.CompilerServices;

namespace FraudStream.Scoring.Decisions;

/// <summary>The detections a <see cref="Decision"/> keeps, inline (no array, no list).</summary>
[InlineArray(Decision.MaxDetections)]
public struct DecisionDetections
{
    private Detection _element;
}
