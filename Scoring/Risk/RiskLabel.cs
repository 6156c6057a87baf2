using FraudStream.Scoring.Blocklist;

namespace FraudStream.Scoring.Risk;

/// <summary>One scored number: its row, score and, when it reached a band, the label to put on it.</summary>
/// <param name="Row">0-based data row of the table.</param>
/// <param name="Id">The id as the table has it.</param>
/// <param name="Score">The fraud probability.</param>
/// <param name="Label">The <c>fraud</c> or <c>suspect</c> label, or null below the cut-off.</param>
public sealed record RiskLabel(int Row, string Id, float Score, LabelRequest? Label);
