namespace FraudStream.Host.Tests.Docs;

/// <summary>
/// Every relative link in the repository's markdown (README, docs/, benchmarks/ and its history, the READMEs beside the
/// code) resolves: the file or folder exists and an anchor into a markdown file names one of its headings. CI runs it,
/// so a moved page or a renamed heading fails the build with the file and line of each link it broke.
/// </summary>
[TestFixture]
public sealed class DocumentationLinksTests
{
    [Test]
    public void Every_relative_link_in_the_repository_markdown_resolves()
    {
        var broken = new MarkdownLinkChecker(RepositoryRoot()).BrokenLinks();

        Assert.That(broken, Is.Empty, $"{broken.Count} broken link(s) in the repository's markdown:\n" + string.Join('\n', broken));
    }

    [Test]
    public void The_check_reads_the_readme_docs_benchmarks_history_and_the_readmes_beside_the_code()
    {
        var files = new MarkdownLinkChecker(RepositoryRoot()).MarkdownFiles();

        Assert.That(files, Is.SupersetOf(new[]
        {
            "README.md", "docs/README.md", "docs/operations.md", "docs/guarantees.md", "docs/performance.md",
            "docs/detection.md", "docs/labels.md", "docs/security.md", "docs/why-these-choices.md", "docs/contracts/cdr-v1.md",
            "benchmarks/README.md", "benchmarks/RESULTS.md", "benchmarks/history/2026-11.md", "Scoring/Blocklist/README.md",
        }));
        Assert.That(files, Has.None.Matches<string>(static f => f.Split('/').Any(static part => part is "bin" or "obj" || part.StartsWith('.'))));
    }

    [Test]
    public void Missing_files_folders_images_and_anchors_are_reported_with_file_and_line()
    {
        using var repo = new ScratchRepository();
        repo.Write("README.md",
            "# Title",
            "See [the guide](docs/guide.md) and [its setup](docs/guide.md#setup).",
            "A [gone page](docs/gone.md), a [gone folder](tools/), ![a gone plot](plot.png).",
            "A [gone heading](docs/guide.md#teardown) and [a gone local one](#nowhere).",
            "Back [home](#title), [out](../../etc/passwd).");
        repo.Write("docs/guide.md", "# Guide", "", "## Setup", "[up](../README.md#title)");

        var broken = new MarkdownLinkChecker(repo.Root).BrokenLinks();

        Assert.That(broken, Is.EqualTo(new[]
        {
            "README.md:3: (docs/gone.md) no such file or folder",
            "README.md:3: (tools/) no such file or folder",
            "README.md:3: (plot.png) no such file or folder",
            "README.md:4: (docs/guide.md#teardown) no heading or anchor #teardown in docs/guide.md",
            "README.md:4: (#nowhere) no heading or anchor #nowhere in README.md",
            "README.md:5: (../../etc/passwd) points outside the repository",
        }));
    }

    [Test]
    public void Web_links_and_links_inside_code_are_not_checked()
    {
        using var repo = new ScratchRepository();
        repo.Write("README.md",
            "[site](https://example.org/x.md) [mail](mailto:a@example.org) [plain](http://example.org)",
            "`[not a link](missing.md)` and ``[nor](this.md)``",
            "```bash",
            "echo '[inside](a-fence.md)'",
            "```",
            "  ~~~",
            "  [indented fence](also-missing.md)",
            "  ~~~");
        repo.Write("bin/README.md", "[build output](missing.md)");
        repo.Write(".hidden/README.md", "[hidden](missing.md)");

        Assert.That(new MarkdownLinkChecker(repo.Root).BrokenLinks(), Is.Empty);
    }

    [Test]
    public void Reference_definitions_and_html_anchors_are_checked()
    {
        using var repo = new ScratchRepository();
        repo.Write("README.md", "<a name=\"kept\"></a>", "[ok][1] [bad][2] [here](#kept)", "", "[1]: README.md", "[2]: <no such.md>");

        Assert.That(new MarkdownLinkChecker(repo.Root).BrokenLinks(), Is.EqualTo(new[] { "README.md:5: (no such.md) no such file or folder" }));
    }

    [TestCase("Load harness: `fraudstream bench`, 2026-12-07 00:04 UTC", "load-harness-fraudstream-bench-2026-12-07-0004-utc")]
    [TestCase("Fault matrix: `fraudstream bench --faults`, 2026-12-07 00:29 UTC", "fault-matrix-fraudstream-bench---faults-2026-12-07-0029-utc")]
    [TestCase("Scoring core: replica + features + detectors + batched model, 1M numbers and 1M labels", "scoring-core-replica--features--detectors--batched-model-1m-numbers-and-1m-labels")]
    [TestCase("The embedded broker's ceiling: why uncompressed batches \"drained at 1.6k/s\"", "the-embedded-brokers-ceiling-why-uncompressed-batches-drained-at-16ks")]
    [TestCase("Simulator → JSONL file", "simulator--jsonl-file")]
    [TestCase("≤ 4 CPU-µs per CDR, whole pipeline", "-4-cpu-µs-per-cdr-whole-pipeline")]
    [TestCase("Call bombing by a [pool](x.md) of **numbers** <sup>new</sup>", "call-bombing-by-a-pool-of-numbers-new")]
    [TestCase("`Kafka:LingerMs` and `max_poll`", "kafkalingerms-and-max_poll")]
    public void Slugs_are_GitHubs(string heading, string slug)
        => Assert.That(GitHubSlug.Of(heading), Is.EqualTo(slug));

    [Test]
    public void Repeated_headings_get_numbered_anchors_as_on_GitHub()
        => Assert.That(GitHubSlug.Unique(["notes", "notes", "notes-1", "notes"]), Is.EqualTo(new[] { "notes", "notes-1", "notes-1-1", "notes-2" }));

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FraudStream.sln")))
                return dir.FullName;
        }

        Assert.Fail($"No FraudStream.sln above {TestContext.CurrentContext.TestDirectory}: run the tests from a checkout of the repository.");
        return "";
    }

    private sealed class ScratchRepository : IDisposable
    {
        public string Root { get; } = Directory.CreateTempSubdirectory("fraudstream-links-").FullName;

        public void Write(string file, params string[] lines)
        {
            var path = Path.Combine(Root, file);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllLines(path, lines);
        }

        public void Dispose() => Directory.Delete(Root, recursive: true);
    }
}
