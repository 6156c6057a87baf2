using FraudStream.Scoring.Blocklist;
using FraudStream.Simulator.Truth;
using SimKind = FraudStream.Simulator.FraudKind;

namespace FraudStream.LoadTest.Harness;

/// <summary>
/// The labels an operator would already hold: every second fraud suspect of the pre-loaded traffic, as
/// reported by subscribers or the police, through the audited label store (as <c>labels import</c> does).
/// </summary>
internal static class KnownFraud
{
    public static async Task<int> LabelAsync(LabelStore store, GroundTruth truth, CancellationToken cancellationToken)
    {
        var requests = truth.Entries
            .Where(t => t.Role == TruthRole.Suspect)
            .DistinctBy(t => t.Number)
            .Where((_, i) => i % 2 == 0)
            .Select(t => new LabelRequest(t.Number, Category(t.Kind), LabelSource.Report, "known " + t.Kind.ToString().ToLowerInvariant() + " number"))
            .ToList();
        return await store.ImportAsync(requests, "bench", cancellationToken).ConfigureAwait(false);
    }

    private static LabelCategory Category(SimKind kind) => kind switch
    {
        SimKind.Wangiri => LabelCategory.Wangiri,
        SimKind.Scam => LabelCategory.Scam,
        SimKind.Harassment => LabelCategory.Harassment,
        SimKind.Robocall => LabelCategory.Robocall,
        _ => LabelCategory.Fraud,
    };
}
