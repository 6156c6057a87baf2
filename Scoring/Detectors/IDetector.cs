using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Decisions;
using FraudStream.Scoring.Features;

namespace FraudStream.Scoring.Detectors;

/// <summary>
/// A rule over one event and the features of one side: adds what it finds to <paramref name="decision"/>
/// (never allocates). Other sources (the label replica, the model) add theirs to the same decision.
/// </summary>
public interface IDetector
{
    FraudKind Kind { get; }

    /// <summary>The side whose features the rule reads.</summary>
    Side Side { get; }

    void Detect(in CallEvent e, in FeatureVector f, Thresholds t, ref Decision decision);
}
