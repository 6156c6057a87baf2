using System.Globalization;

namespace FraudStream.Scoring.Risk;

/// <summary>Which rows train, which choose hyper-parameters and the cut-off (validation), which are only reported on (test).</summary>
public sealed class RiskSplit
{
    /// <summary>The stratified split used without a split file: 60 % train, 20 % validation, 20 % test.</summary>
    public const double DefaultTrain = 0.6;

    public const double DefaultValidation = 0.2;

    private readonly RiskPart[] _parts;

    private RiskSplit(RiskPart[] parts, string description)
    {
        _parts = parts;
        Description = description;
    }

    /// <summary>How the split was made, for reports.</summary>
    public string Description { get; }

    public RiskPart this[int row] => _parts[row];

    public int RowCount => _parts.Length;

    public int[] Rows(RiskPart part)
    {
        var rows = new List<int>();
        for (var i = 0; i < _parts.Length; i++)
        {
            if (_parts[i] == part)
                rows.Add(i);
        }

        return [.. rows];
    }

    /// <summary>
    /// Stratified by label: the fraud rows and the others are each shuffled with <paramref name="seed"/> and cut
    /// <paramref name="train"/> / <paramref name="validation"/> / the rest, so every part has the data's fraud share.
    /// </summary>
    public static RiskSplit Stratified(ReadOnlySpan<float> labels, int seed, double train = DefaultTrain, double validation = DefaultValidation)
    {
        if (!(train > 0 && validation > 0 && train + validation < 1))
            throw new ArgumentOutOfRangeException(nameof(train), $"train {train} and validation {validation} must be positive and leave rows for the test");
        var parts = new RiskPart[labels.Length];
        var random = new Random(seed);
        foreach (var positive in new[] { false, true })
        {
            var rows = new List<int>();
            for (var i = 0; i < labels.Length; i++)
            {
                if (labels[i] > 0.5f == positive)
                    rows.Add(i);
            }

            var shuffled = rows.ToArray();
            random.Shuffle(shuffled);
            var trainEnd = (int)Math.Round(shuffled.Length * train);
            var validationEnd = trainEnd + (int)Math.Round(shuffled.Length * validation);
            for (var k = 0; k < shuffled.Length; k++)
                parts[shuffled[k]] = k < trainEnd ? RiskPart.Train : k < validationEnd ? RiskPart.Validation : RiskPart.Test;
        }

        return new RiskSplit(parts, string.Create(CultureInfo.InvariantCulture, $"stratified {train:P0} / {validation:P0} / {1 - train - validation:P0}, seed {seed}"));
    }

    /// <summary>
    /// Reads a split file <c>row,label,split</c> (row: 0-based data row; split: train, val or validation, test), as the
    /// Sichuan dataset's <c>split-paper.csv</c>. Every data row must be named exactly once, with the data's label.
    /// </summary>
    /// <exception cref="RiskDataException">The file does not fit the data.</exception>
    public static RiskSplit Read(TextReader reader, string source, ReadOnlySpan<float> labels)
    {
        var header = reader.ReadLine()?.Trim();
        if (header is null || header.Length == 0)
            throw RiskDataException.At(source, 1, "the file is empty; expected the header row,label,split");
        var names = header.Split(',');
        if (names.Length != 3 || names[0] != "row" || names[1] != "label" || names[2] != "split")
            throw RiskDataException.At(source, 1, $"expected the header row,label,split, not '{header}'");

        var parts = new RiskPart?[labels.Length];
        long line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var fields = text.Trim().Split(',');
            if (fields.Length != 3)
                throw RiskDataException.At(source, line, $"{fields.Length} fields, but the header has 3");
            if (!int.TryParse(fields[0], NumberStyles.None, CultureInfo.InvariantCulture, out var row) || row >= labels.Length)
                throw RiskDataException.At(source, line, 0, "row", $"'{fields[0]}' is not a data row (0 to {labels.Length - 1})");
            if (parts[row] is not null)
                throw RiskDataException.At(source, line, 0, "row", $"row {row} is named twice");
            if (fields[1] is not ("0" or "1") || (fields[1] == "1") != labels[row] > 0.5f)
                throw RiskDataException.At(source, line, 1, "label", $"'{fields[1]}', but row {row} of the data is labelled {labels[row]}: the split is of another file");
            parts[row] = fields[2] switch
            {
                "train" => RiskPart.Train,
                "val" or "validation" => RiskPart.Validation,
                "test" => RiskPart.Test,
                _ => throw RiskDataException.At(source, line, 2, "split", $"'{fields[2]}': expected train, val or test"),
            };
        }

        var missing = Array.IndexOf(parts, null);
        if (missing >= 0)
            throw RiskDataException.At(source, line + 1, $"data row {missing} has no part: the split names {parts.Count(p => p is not null)} of {labels.Length} rows");
        var result = parts.Select(p => p!.Value).ToArray();
        var split = new RiskSplit(result, source);
        foreach (var part in new[] { RiskPart.Train, RiskPart.Validation, RiskPart.Test })
        {
            if (split.Rows(part).Length == 0)
                throw RiskDataException.At(source, line, $"no {part.ToString().ToLowerInvariant()} rows");
        }

        return new RiskSplit(result, $"{source} ({split.Rows(RiskPart.Train).Length:N0} train, {split.Rows(RiskPart.Validation).Length:N0} validation, {split.Rows(RiskPart.Test).Length:N0} test)");
    }
}
