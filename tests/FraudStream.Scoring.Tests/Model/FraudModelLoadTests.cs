using System.IO.Compression;
using FraudStream.Scoring.Features;
using FraudStream.Scoring.Model;
using FraudStream.Tests.Shared;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace FraudStream.Scoring.Tests.Model;

/// <summary>A model FraudStream cannot score with is refused at load, with the file and the reason; training is deterministic.</summary>
[TestFixture]
public sealed class FraudModelLoadTests
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "fraudstream-models-" + Guid.NewGuid().ToString("N"));

    [SetUp]
    public void CreateFolder() => Directory.CreateDirectory(_folder);

    [TearDown]
    public void RemoveFolder() => Directory.Delete(_folder, recursive: true);

    [Test]
    public void The_shipped_model_loads_with_this_builds_feature_layout_and_its_version_is_its_hash()
    {
        var model = FraudModel.Load(ShippedModel.Locate());

        Assert.That(model.FeatureCount, Is.EqualTo(Feature.Count));
        Assert.That(model.FeatureNames, Is.EqualTo(Feature.Names));
        Assert.That(model.TreeCount, Is.GreaterThan(0));
        Assert.That(model.Version, Does.Match("^[0-9a-f]{12}$"));
        Assert.That(FraudModel.Load(ShippedModel.Locate()).Version, Is.EqualTo(model.Version));
    }

    [Test]
    public void A_missing_file_is_refused_saying_how_to_get_one()
    {
        var path = Path.Combine(_folder, "none.zip");

        var e = Assert.Throws<FileNotFoundException>(() => FraudModel.Load(path));
        Assert.That(e!.Message, Does.Contain(path).And.Contain("fraudstream train"));
    }

    [Test]
    public void A_file_that_is_not_a_zip_is_refused()
        => AssertRefused(File.WriteAllTextAsync(Path.Combine(_folder, "m.zip"), "{\"learner\": {}}"), "not a zip file");

    [Test]
    public void A_truncated_model_is_refused()
    {
        var bytes = File.ReadAllBytes(ShippedModel.Locate());
        AssertRefused(File.WriteAllBytesAsync(Path.Combine(_folder, "m.zip"), bytes[..(bytes.Length / 2)]), "not a zip file");
    }

    [Test]
    public void An_mlnet_model_without_fraudstreams_manifest_is_refused()
    {
        var path = Path.Combine(_folder, "m.zip");
        File.Copy(ShippedModel.Locate(), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
            zip.GetEntry(ModelManifest.EntryName)!.Delete();

        AssertRefused(Task.CompletedTask, "has no FraudStream/manifest.json");
    }

    [Test]
    public void A_model_trained_on_another_feature_count_is_refused()
    {
        var data = SyntheticFraudData.Generate(2_000, seed: 1);
        CompiledForestTests.Train(data, new ForestTrainingOptions { Trees = 3 }).Save(Path.Combine(_folder, "m.zip"));

        AssertRefused(Task.CompletedTask, $"trained on 16 features and this FraudStream computes {Feature.Count}");
    }

    [Test]
    public void A_model_trained_on_another_feature_layout_is_refused_naming_the_first_difference()
    {
        var data = SyntheticFraudData.Generate(2_000, seed: 1);
        var names = Feature.Names.ToArray();
        (names[2], names[5]) = (names[5], names[2]);
        var rows = new float[data.RowCount * Feature.Count];
        for (var i = 0; i < data.RowCount; i++)
            data.Row(i).CopyTo(rows.AsSpan(i * Feature.Count));
        ForestTrainer.Train(rows, data.RowCount, names, data.Labels, new ForestTrainingOptions { Trees = 3 }).Save(Path.Combine(_folder, "m.zip"));

        AssertRefused(Task.CompletedTask, $"another feature layout (feature 2 is '{Feature.Names[5]}', this FraudStream computes '{Feature.Names[2]}')");
    }

    [Test]
    public void A_model_that_is_not_a_tree_ensemble_is_refused()
    {
        // A logistic regression over the same 28 features, with a manifest as train writes it.
        var ml = new MLContext(seed: 1);
        var random = new Random(1);
        var rows = Enumerable.Range(0, 500).Select(i => new Row { Features = [.. Enumerable.Range(0, Feature.Count).Select(_ => random.NextSingle())], Label = i % 2 == 0 }).ToList();
        var schema = SchemaDefinition.Create(typeof(Row));
        schema[nameof(Row.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, Feature.Count);
        var data = ml.Data.LoadFromEnumerable(rows, schema);
        var linear = ml.BinaryClassification.Trainers.SdcaLogisticRegression(maximumNumberOfIterations: 2).Fit(data);
        using var stream = new MemoryStream();
        ml.Model.Save(linear, data.Schema, stream);
        var manifest = new ModelManifest { Format = ModelManifest.CurrentFormat, Trainer = "sdca", Features = Feature.Names, LeafCovers = [] };
        File.WriteAllBytes(Path.Combine(_folder, "m.zip"), ModelZip.Write(stream.ToArray(), manifest));

        AssertRefused(Task.CompletedTask, "not a tree ensemble");
    }

    [Test]
    public void A_manifest_of_a_later_format_is_refused()
    {
        var path = Path.Combine(_folder, "m.zip");
        File.Copy(ShippedModel.Locate(), path);
        using (var zip = ZipFile.Open(path, ZipArchiveMode.Update))
        {
            zip.GetEntry(ModelManifest.EntryName)!.Delete();
            using var writer = new StreamWriter(zip.CreateEntry(ModelManifest.EntryName).Open());
            writer.Write("{\"format\":2,\"trainer\":\"lightgbm\",\"features\":[],\"leafCovers\":[]}");
        }

        AssertRefused(Task.CompletedTask, "has format 2; this FraudStream reads format 1");
    }

    [Test]
    public void Training_twice_with_the_same_seed_writes_the_same_bytes_and_another_seed_another_model()
    {
        var data = SyntheticFraudData.Generate(5_000, seed: 1);
        foreach (var trainer in new[] { ForestTrainerKind.LightGbm, ForestTrainerKind.FastTree })
        {
            var options = new ForestTrainingOptions { Trainer = trainer, Trees = 10, Seed = 7 };
            var first = CompiledForestTests.Train(data, options);
            var second = CompiledForestTests.Train(data, options);
            Assert.That(second.Version, Is.EqualTo(first.Version), $"{trainer}: same seed, same file");
        }

        var a = CompiledForestTests.Train(data, new ForestTrainingOptions { Trees = 10 });
        var b = CompiledForestTests.Train(data, new ForestTrainingOptions { Trees = 11 });
        Assert.That(b.Version, Is.Not.EqualTo(a.Version));
    }

    [Test]
    public void Training_learns_the_synthetic_rule_and_refuses_labels_that_are_not_0_or_1()
    {
        var data = SyntheticFraudData.Generate(10_000, seed: 1);
        var model = CompiledForestTests.Train(data, new ForestTrainingOptions { Trees = 20 });
        var heldOut = SyntheticFraudData.Generate(2_000, seed: 2);
        var probabilities = new float[heldOut.RowCount];
        model.PredictBatch(heldOut.Rows, heldOut.RowCount, probabilities);
        var correct = Enumerable.Range(0, heldOut.RowCount).Count(i => (probabilities[i] >= 0.5f) == (heldOut.Labels[i] == 1));
        Assert.That(correct, Is.GreaterThan(heldOut.RowCount * 0.95));

        var labels = data.Labels.ToArray();
        labels[3] = 2;
        var e = Assert.Throws<ArgumentException>(() => ForestTrainer.Train(data.Rows, data.RowCount, SyntheticFraudData.FeatureNames, labels, new ForestTrainingOptions()));
        Assert.That(e!.Message, Does.Contain("Label 2 of row 3"));
        Assert.Throws<ArgumentOutOfRangeException>(() => ForestTrainer.Train(data.Rows, data.RowCount, SyntheticFraudData.FeatureNames, data.Labels, new ForestTrainingOptions { Trees = 0 }));
    }

    private void AssertRefused(Task write, string reason)
    {
        write.GetAwaiter().GetResult();
        var path = Path.Combine(_folder, "m.zip");
        var e = Assert.Throws<InvalidDataException>(() => FraudModel.Load(path));
        Assert.That(e!.Message, Does.StartWith(path + " is not a model FraudStream can score with: ").And.Contain(reason).And.EndWith("Train one with `fraudstream train`."));
        Assert.That(e.Message, Does.Not.Contain("\n"));
    }

    private sealed class Row
    {
        public float[] Features { get; set; } = [];

        public bool Label { get; set; }
    }
}
