using System.IO.Compression;

namespace FraudStream.Scoring.Model;

/// <summary>
/// The model file: the zip ML.NET writes with <c>MLContext.Model.Save</c>, plus FraudStream's <see cref="ModelManifest"/>
/// as one more entry (ML.NET reads only its own entries). Written byte-for-byte the same for the same model: every
/// entry gets a fixed timestamp, so the file's hash, the model's version, depends on the model alone.
/// </summary>
internal static class ModelZip
{
    // The zip format's earliest time; ML.NET would stamp the time of saving.
    private static readonly DateTimeOffset s_entryTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A model zip (ML.NET's entries and the manifest) with more entries of FraudStream's added, in this order.</summary>
    public static byte[] Write(byte[] modelZip, IReadOnlyList<(string Name, byte[] Content)> extra)
    {
        using var output = new MemoryStream();
        using (var source = Open(modelZip))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                Add(target, entry.FullName, from);
            }

            foreach (var (name, content) in extra)
            {
                using var stream = new MemoryStream(content, writable: false);
                Add(target, name, stream);
            }
        }

        return output.ToArray();
    }

    /// <summary>The content of one entry, or null when the zip has none of that name.</summary>
    /// <exception cref="InvalidDataException">Not a zip.</exception>
    public static byte[]? ReadEntry(byte[] zip, string name)
    {
        using var archive = Open(zip);
        var entry = archive.GetEntry(name);
        if (entry is null)
            return null;
        using var stream = entry.Open();
        using var content = new MemoryStream();
        stream.CopyTo(content);
        return content.ToArray();
    }

    /// <summary>ML.NET's zip rewritten with fixed timestamps and the manifest added.</summary>
    public static byte[] Write(byte[] mlNetZip, ModelManifest manifest)
    {
        using var output = new MemoryStream();
        using (var source = new ZipArchive(new MemoryStream(mlNetZip, writable: false), ZipArchiveMode.Read))
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                using var from = entry.Open();
                Add(target, entry.FullName, from);
            }

            using var json = new MemoryStream(manifest.ToJson(), writable: false);
            Add(target, ModelManifest.EntryName, json);
        }

        return output.ToArray();
    }

    /// <exception cref="InvalidDataException">Not a zip, or a zip without FraudStream's manifest.</exception>
    public static ModelManifest ReadManifest(byte[] zip)
    {
        using var archive = Open(zip);
        var entry = archive.GetEntry(ModelManifest.EntryName)
            ?? throw new InvalidDataException($"it has no {ModelManifest.EntryName} (an ML.NET model not written by `fraudstream train`?)");
        using var stream = entry.Open();
        using var json = new MemoryStream();
        stream.CopyTo(json);
        return ModelManifest.FromJson(json.GetBuffer().AsSpan(0, (int)json.Length));
    }

    private static ZipArchive Open(byte[] zip)
    {
        try
        {
            return new ZipArchive(new MemoryStream(zip, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException e)
        {
            throw new InvalidDataException("it is not a zip file", e);
        }
    }

    private static void Add(ZipArchive target, string name, Stream content)
    {
        var entry = target.CreateEntry(name, CompressionLevel.Optimal);
        entry.LastWriteTime = s_entryTime;
        using var to = entry.Open();
        content.CopyTo(to);
    }
}
