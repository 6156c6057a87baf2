using System.Globalization;
using System.Text;
using FraudStream.Ingest.Cdr;
using FraudStream.Scoring.Blocklist;

namespace FraudStream.Scoring.Risk;

/// <summary>
/// Turns risk scores into blocklist labels: <c>fraud</c> (blocks) at or above the model's fraud cut-off, <c>suspect</c>
/// (warns) from its flagging cut-off, source <c>risk-model</c>, a reason naming the score, the model and the features that
/// pushed the score up most (exact TreeSHAP), and an expiry, so a number is judged again on fresher history.
/// </summary>
public static class RiskLabeller
{
    /// <param name="model">The risk model.</param>
    /// <param name="table">Numbers to score; the id column holds phone numbers when labels are wanted.</param>
    /// <param name="homeCountryCode">For national numbers, as a CDR field is read.</param>
    /// <param name="expiresAt">When the labels stop applying.</param>
    /// <param name="reasons">How many features to name in a reason.</param>
    /// <param name="numbersRequired">Refuse an id that is not a phone number (false: score pseudonymised ids, no labels).</param>
    /// <exception cref="RiskDataException">The table lacks a column the model needs, or an id is not a phone number.</exception>
    public static List<RiskLabel> Score(RiskModel model, RiskTable table, ushort homeCountryCode, DateTimeOffset expiresAt, int reasons, bool numbersRequired = true)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(reasons, 0);
        var rows = model.Layout.Rows(table);
        var width = model.Layout.Width;
        var result = new List<RiskLabel>(table.RowCount);
        for (var r = 0; r < table.RowCount; r++)
        {
            var row = rows.AsSpan(r * width, width);
            var id = table.Ids[r];
            var score = model.Score(row);
            LabelRequest? label = null;
            if (numbersRequired)
            {
                var error = PhoneNumberParser.TryParse(Encoding.UTF8.GetBytes(id), homeCountryCode, out var number);
                if (error != PhoneNumberError.None)
                    throw RiskDataException.At(table.Source, r + 2, table.IdColumnIndex, table.IdColumn, $"'{Shorten(id)}' is not a phone number ({error}); labels need numbers");
                if (score >= model.Threshold)
                {
                    var category = score >= model.FraudThreshold ? LabelCategory.Fraud : LabelCategory.Suspect;
                    label = new LabelRequest(number.Value, category, LabelSource.RiskModel, Reason(model, row, score, reasons)) { ExpiresAt = expiresAt };
                }
            }

            result.Add(new RiskLabel(r, id, score, label));
        }

        return result;
    }

    /// <summary>"risk 0.97 (model 47c94a1cb1b8): voc_calltype1 0.98 +1.31, opposite_unique 312 +0.72": the features by their exact share in log-odds.</summary>
    public static string Reason(RiskModel model, ReadOnlySpan<float> row, float score, int count)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture, $"risk {score:F2} (model {model.Version})"));
        var top = model.TopReasons(row, count);
        for (var i = 0; i < top.Count; i++)
        {
            var (feature, value, share) = top[i];
            text.Append(i == 0 ? ": " : "; ").Append(feature).Append(' ')
                .Append(float.IsNaN(value) ? "missing" : value.ToString("G4", CultureInfo.InvariantCulture))
                .Append(' ').Append(share.ToString("+0.00", CultureInfo.InvariantCulture));
        }

        return text.ToString();
    }

    private static string Shorten(string id) => id.Length <= 24 ? id : id[..21] + "...";
}
