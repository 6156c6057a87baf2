using FraudStream.Scoring.Model;

namespace FraudStream.Scoring.Tests.Model;

[TestFixture]
public sealed class XGBoostModelTests
{
    private const int Features = SyntheticFraudData.FeatureCount;

    private static readonly SyntheticFraudData s_rows = SyntheticFraudData.Generate(1_000, seed: 11);

    private XGBoostModel _model = null!;
    private string _directory = null!;

    [OneTimeSetUp]
    public void TrainModel()
        => _model = XGBoostTrainerTests.Train(SyntheticFraudData.Generate(5_000, seed: 1), new XGBoostTrainingOptions());

    [OneTimeTearDown]
    public void DisposeModel() => _model.Dispose();

    [SetUp]
    public void CreateDirectory() => _directory = Directory.CreateTempSubdirectory("fraudstream-xgb-").FullName;

    [TearDown]
    public void DeleteDirectory() => Directory.Delete(_directory, recursive: true);

    [Test]
    public void Save_then_Load_predicts_exactly_the_same_and_keeps_the_version()
    {
        var path = Path.Combine(_directory, "model.json");
        _model.Save(path);

        using var loaded = XGBoostModel.Load(path);
        var expected = new float[s_rows.RowCount];
        var actual = new float[s_rows.RowCount];
        _model.PredictBatch(s_rows.Rows, s_rows.RowCount, expected);
        loaded.PredictBatch(s_rows.Rows, s_rows.RowCount, actual);

        Assert.That(actual, Is.EqualTo(expected));
        Assert.That(loaded.FeatureCount, Is.EqualTo(Features));
        Assert.That(loaded.Version, Is.EqualTo(_model.Version));
    }

    [Test]
    public void Save_writes_xgboost_json_whose_hash_is_the_version()
    {
        var path = Path.Combine(_directory, "nested", "model.json");

        _model.Save(path);

        var json = File.ReadAllBytes(path);
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(json));
        Assert.That(System.Text.Encoding.UTF8.GetString(json), Does.StartWith("{\"learner\":"));
        Assert.That(_model.Version, Is.EqualTo(hash[..12]));
        Assert.That(Directory.GetFiles(Path.GetDirectoryName(path)!), Has.Length.EqualTo(1), "no temporary file is left behind");
    }

    [Test]
    public void Save_to_a_path_not_ending_in_json_throws_ArgumentException()
    {
        var exception = Assert.Throws<ArgumentException>(() => _model.Save(Path.Combine(_directory, "model.bin")));

        Assert.That(exception!.Message, Does.Contain(".json"));
    }

    [Test]
    public void Load_of_a_missing_file_throws_FileNotFoundException_naming_the_path_and_how_to_train()
    {
        var path = Path.Combine(_directory, "absent", "model.json");

        var exception = Assert.Throws<FileNotFoundException>(() => XGBoostModel.Load(path));

        Assert.That(exception!.Message, Does.Contain(path).And.Contain("fraudstream train"));
        Assert.That(exception.Message, Does.Not.Contain('\n'));
        Assert.That(exception.FileName, Is.EqualTo(path));
    }

    [TestCase("", TestName = "Load_of_an_empty_file_throws_InvalidDataException_naming_the_path")]
    [TestCase("this is not a model", TestName = "Load_of_a_text_file_throws_InvalidDataException_naming_the_path")]
    [TestCase("{\"learner\": {\"attributes\": {}, \"feature_names\"", TestName = "Load_of_truncated_json_throws_InvalidDataException_naming_the_path")]
    [TestCase("{\"version\": [1, 7, 4]}", TestName = "Load_of_json_that_is_not_a_model_throws_InvalidDataException_naming_the_path")]
    public void Load_of_a_corrupt_file_throws_InvalidDataException_naming_the_path(string content)
    {
        var path = Path.Combine(_directory, "model.json");
        File.WriteAllText(path, content);

        var exception = Assert.Throws<InvalidDataException>(() => XGBoostModel.Load(path));

        Assert.That(exception!.Message, Does.Contain(path));
        Assert.That(exception.Message, Does.Not.Contain('\n'));
    }

    [Test]
    public void Load_of_a_saved_model_cut_in_half_throws_InvalidDataException_naming_the_path()
    {
        var path = Path.Combine(_directory, "model.json");
        _model.Save(path);
        var json = File.ReadAllBytes(path);
        File.WriteAllBytes(path, json[..(json.Length / 2)]);

        var exception = Assert.Throws<InvalidDataException>(() => XGBoostModel.Load(path));

        Assert.That(exception!.Message, Does.Contain(path));
    }

    [TestCase(1)]
    [TestCase(7)]
    [TestCase(1000)]
    public void PredictBatch_equals_PredictOne_row_by_row(int rowCount)
    {
        var batch = new float[rowCount];

        _model.PredictBatch(s_rows.Rows.AsSpan(0, rowCount * Features), rowCount, batch);

        var single = new float[rowCount];
        for (var i = 0; i < rowCount; i++)
            single[i] = _model.PredictOne(s_rows.Row(i));
        Assert.That(batch, Is.EqualTo(single));
        Assert.That(batch, Is.All.InRange(0f, 1f));
    }

    [Test]
    public void PredictBatch_into_a_longer_output_fills_only_the_rows_given()
    {
        var probabilities = new float[10];
        Array.Fill(probabilities, -1f);

        _model.PredictBatch(s_rows.Rows.AsSpan(0, 3 * Features), 3, probabilities);

        Assert.That(probabilities[..3], Is.All.InRange(0f, 1f));
        Assert.That(probabilities[3..], Is.All.EqualTo(-1f));
    }

    [Test]
    public void PredictBatch_of_zero_rows_does_nothing()
        => Assert.DoesNotThrow(() => _model.PredictBatch([], 0, []));

    [Test]
    public void PredictBatch_allocates_no_managed_memory()
    {
        const int rowCount = 64;
        var probabilities = new float[rowCount];
        var rows = s_rows.Rows.AsSpan(0, rowCount * Features).ToArray();
        for (var i = 0; i < 10; i++)
            _model.PredictBatch(rows, rowCount, probabilities);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 200; i++)
            _model.PredictBatch(rows, rowCount, probabilities);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.That(allocated, Is.Zero);
    }

    [Test]
    public void PredictBatch_with_rows_of_the_wrong_width_throws_ArgumentException_naming_the_feature_count()
    {
        var exception = Assert.Throws<ArgumentException>(() => _model.PredictBatch(new float[3 * (Features - 1)], 3, new float[3]));

        Assert.That(exception!.Message, Does.Contain($"{Features} features"));
    }

    [Test]
    public void PredictOne_with_a_row_of_the_wrong_width_throws_ArgumentException()
        => Assert.Throws<ArgumentException>(() => _model.PredictOne(new float[Features + 1]));

    [Test]
    public void PredictBatch_into_a_too_short_output_throws_ArgumentException()
        => Assert.Throws<ArgumentException>(() => _model.PredictBatch(s_rows.Rows.AsSpan(0, 4 * Features), 4, new float[3]));

    [Test]
    public void PredictOne_with_every_feature_missing_returns_a_probability()
    {
        var row = new float[Features];
        Array.Fill(row, float.NaN);

        Assert.That(_model.PredictOne(row), Is.InRange(0f, 1f));
    }

    [Test]
    public void PredictOne_scores_a_clear_fraud_row_high_and_a_clear_normal_row_low()
    {
        Assert.That(_model.PredictOne(Row(x0: 0.95f, x3: 0.9f)), Is.GreaterThan(0.9f));
        Assert.That(_model.PredictOne(Row(x0: 0.1f, x3: 0.2f)), Is.LessThan(0.1f));
    }

    [Test]
    public void PredictBatch_from_parallel_threads_matches_sequential_results()
    {
        var expected = new float[s_rows.RowCount];
        _model.PredictBatch(s_rows.Rows, s_rows.RowCount, expected);
        const int chunk = 50;
        var actual = new float[s_rows.RowCount];

        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
        {
            var start = i * chunk % s_rows.RowCount;
            var output = new float[chunk];
            _model.PredictBatch(s_rows.Rows.AsSpan(start * Features, chunk * Features), chunk, output);
            output.CopyTo(actual, start);
        });

        Assert.That(actual, Is.EqualTo(expected));
    }

    [Test]
    public void PredictBatch_after_Dispose_throws_ObjectDisposedException()
    {
        var path = Path.Combine(_directory, "model.json");
        _model.Save(path);
        var model = XGBoostModel.Load(path);
        model.Dispose();

        Assert.Throws<ObjectDisposedException>(() => model.PredictOne(s_rows.Row(0)));
    }

    [Test]
    public void PredictContributions_sum_to_the_log_odds_of_the_probability()
    {
        var contributions = new float[Features + 1];
        foreach (var row in (float[][])[Row(x0: 0.8f, x3: 0.5f), Row(x0: 0.3f, x3: 0.4f), s_rows.Row(5).ToArray()])
        {
            _model.PredictContributions(row, contributions);

            var probability = (double)_model.PredictOne(row);
            var logOdds = Math.Log(probability / (1 - probability));
            double sum = 0;
            foreach (var c in contributions)
                sum += c;
            Assert.That(sum, Is.EqualTo(logOdds).Within(1e-3), $"p = {probability}");
        }
    }

    [Test]
    public void PredictContributions_of_a_clear_fraud_row_is_largest_for_x0_or_x3()
    {
        var contributions = new float[Features + 1];

        _model.PredictContributions(Row(x0: 0.9f, x3: 0.8f), contributions);

        var largest = 0;
        for (var f = 1; f < Features; f++)
        {
            if (Math.Abs(contributions[f]) > Math.Abs(contributions[largest]))
                largest = f;
        }

        Assert.That(largest, Is.AnyOf(0, 3), string.Join(", ", contributions));
        Assert.That(contributions[0] + contributions[3], Is.GreaterThan(0f), "x0 and x3 push the score towards fraud");
    }

    [Test]
    public void PredictContributions_into_a_span_without_room_for_the_bias_throws_ArgumentException()
        => Assert.Throws<ArgumentException>(() => _model.PredictContributions(s_rows.Row(0), new float[Features]));

    /// <summary>A row whose uninformative features sit mid-range.</summary>
    private static float[] Row(float x0, float x3)
    {
        var row = new float[Features];
        Array.Fill(row, 0.5f);
        row[0] = x0;
        row[3] = x3;
        return row;
    }
}
