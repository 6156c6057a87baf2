using FraudStream.Host.Hosting;
using FraudStream.Scoring.Risk;

namespace FraudStream.Host.Commands.Risk;

/// <summary>Reads the files of <c>fraudstream risk</c>; anything unusable becomes one line and exit 2.</summary>
internal static class RiskInput
{
    public static RiskTable Table(FileInfo? data, string label, bool requireLabel, string? id)
    {
        if (data is null)
            throw new UsageException("--data numbers.csv is required: a per-number CSV with an id column and numeric columns");
        if (!data.Exists)
            throw new UsageException($"--data {data.FullName}: no such file");
        try
        {
            return RiskTableReader.Read(data.FullName, label, requireLabel, id);
        }
        catch (RiskDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static RiskSplit Split(FileInfo? file, RiskTable table, int seed)
    {
        if (file is null)
            return RiskSplit.Stratified(table.Labels!, seed);
        if (!file.Exists)
            throw new UsageException($"--split {file.FullName}: no such file");
        try
        {
            using var reader = file.OpenText();
            return RiskSplit.Read(reader, file.Name, table.Labels!);
        }
        catch (RiskDataException e)
        {
            throw new UsageException(e.Message);
        }
    }

    public static RiskModel Model(FileInfo file)
    {
        try
        {
            return RiskModel.Load(file.FullName);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new UsageException($"--model {file.FullName}: {e.Message}");
        }
    }
}
