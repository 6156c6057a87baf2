using System.Globalization;
using FraudStream.Scoring.Risk;
using Spectre.Console;

namespace FraudStream.Host.Commands.Risk;

/// <summary>What <c>fraudstream risk train</c> prints: validation and test side by side, the chosen model, mean ± sd over seeds.</summary>
internal static class RiskTrainReport
{
    public static void Write(IAnsiConsole console, RiskTrainingResult result, FileInfo output)
    {
        var model = result.Model;
        var table = new Table().AddColumns("metric", "validation", "test");
        table.AddRow("numbers (fraud)", Count(result.Validation), Count(result.Test));
        table.AddRow("AUC", F(result.Validation.Auc), F(result.Test.Auc));
        table.AddRow("AUPRC (average precision)", F(result.Validation.Auprc), F(result.Test.Auprc));
        table.AddRow($"macro-F1 at {model.Threshold:F3}", F(result.Validation.MacroF1), F(result.Test.MacroF1));
        table.AddRow($"fraud precision / recall at {model.Threshold:F3}", $"{F(result.Validation.Precision)} / {F(result.Validation.Recall)}", $"{F(result.Test.Precision)} / {F(result.Test.Recall)}");
        table.AddRow($"fraud band (block) ≥ {model.FraudThreshold:F3}: precision / recall", "", $"{F(result.FraudBand.Precision)} / {F(result.FraudBand.Recall)}");
        console.Write(table);
        console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{model.Trained}; {model.Layout.Inputs.Count} columns + {model.Layout.Derived.Count} ratios; cut-offs chosen on validation rows: suspect ≥ {model.Threshold:R} (best macro-F1), fraud ≥ {model.FraudThreshold:R} (precision ≥ {model.FraudPrecision:P0})"));
        console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"trained in {result.TrainTime.TotalSeconds:F1} s; risk model {model.Version} written to {output.FullName}"));
    }

    private static string Count(RiskMetrics m) => string.Create(CultureInfo.InvariantCulture, $"{m.Rows:N0} ({m.Fraud:N0})");

    private static string F(double value) => double.IsNaN(value) ? "n/a" : value.ToString("F4", CultureInfo.InvariantCulture);

    public static string MeanSd(List<RiskTrainingResult> results, Func<RiskTrainingResult, double> value, string format = "F4")
    {
        var values = results.Select(value).ToArray();
        var mean = values.Average();
        var sd = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / Math.Max(1, values.Length - 1));
        return mean.ToString(format, CultureInfo.InvariantCulture) + " ± " + sd.ToString(format, CultureInfo.InvariantCulture);
    }
}
