using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace FraudStream.Scoring.Features;

/// <summary>The features of one event, by value (no allocation): index it with the <see cref="Feature"/> constants.</summary>
[InlineArray(Feature.Count)]
public struct FeatureVector
{
    private float _element;

    /// <summary>The features as a span, e.g. to copy into a model's batch row.</summary>
    [UnscopedRef]
    public Span<float> AsSpan() => this;
}
