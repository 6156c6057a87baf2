using System.Text.RegularExpressions;

namespace FraudStream.Host.Tests.Docs;

/// <summary>
/// Checks the relative links of every markdown file under a repository root: the file or folder must exist, and a
/// fragment into a markdown file must name one of its headings (GitHub's slugs) or explicit anchors. Web links
/// (any <c>scheme:</c>, e.g. http, https, mailto) are not followed.
/// </summary>
internal sealed partial class MarkdownLinkChecker
{
    private static readonly HashSet<string> s_skippedFolders = new(StringComparer.Ordinal) { "bin", "obj", "node_modules", "TestResults" };

    private readonly string _root;
    private readonly Dictionary<string, MarkdownDocument> _documents = new(StringComparer.Ordinal);

    public MarkdownLinkChecker(string root) => _root = Path.GetFullPath(root);

    /// <summary>Every markdown file under the root, '/'-separated and relative to it, skipping build output, dependencies and hidden folders.</summary>
    public IReadOnlyList<string> MarkdownFiles()
    {
        var files = new List<string>();
        Collect(_root, files);
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>One line per broken link: <c>file:line: target — why</c>.</summary>
    public IReadOnlyList<string> BrokenLinks()
    {
        var broken = new List<string>();
        foreach (var file in MarkdownFiles())
        {
            foreach (var link in Document(file).Links)
            {
                if (Problem(link) is { } problem)
                    broken.Add($"{link.File}:{link.Line}: ({link.Target}) {problem}");
            }
        }

        return broken;
    }

    private string? Problem(MarkdownLink link)
    {
        if (link.Target.Length == 0)
            return "empty link";
        if (Scheme().IsMatch(link.Target))
            return null;

        var hash = link.Target.IndexOf('#', StringComparison.Ordinal);
        var pathPart = hash < 0 ? link.Target : link.Target[..hash];
        var fragment = hash < 0 ? null : Uri.UnescapeDataString(link.Target[(hash + 1)..]);
        var query = pathPart.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
            pathPart = pathPart[..query];

        string target;
        if (pathPart.Length == 0)
        {
            target = link.File;
        }
        else
        {
            var unescaped = Uri.UnescapeDataString(pathPart);
            var from = unescaped.StartsWith('/') ? _root : Path.GetDirectoryName(Path.Combine(_root, link.File))!;
            var full = Path.GetFullPath(Path.Combine(from, unescaped.TrimStart('/')));
            if (full != _root && !full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return "points outside the repository";
            if (Directory.Exists(full))
                return null;
            if (!File.Exists(full))
                return "no such file or folder";
            target = Path.GetRelativePath(_root, full).Replace(Path.DirectorySeparatorChar, '/');
        }

        if (string.IsNullOrEmpty(fragment) || !target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
            return null;
        return Document(target).Anchors.Contains(fragment) ? null : $"no heading or anchor #{fragment} in {target}";
    }

    private MarkdownDocument Document(string file)
    {
        if (!_documents.TryGetValue(file, out var document))
        {
            document = MarkdownDocument.Parse(file, File.ReadAllLines(Path.Combine(_root, file)));
            _documents.Add(file, document);
        }

        return document;
    }

    private void Collect(string folder, List<string> files)
    {
        foreach (var file in Directory.EnumerateFiles(folder, "*.md"))
            files.Add(Path.GetRelativePath(_root, file).Replace(Path.DirectorySeparatorChar, '/'));

        foreach (var sub in Directory.EnumerateDirectories(folder))
        {
            var name = Path.GetFileName(sub);
            if (!name.StartsWith('.') && !s_skippedFolders.Contains(name))
                Collect(sub, files);
        }
    }

    // "https:", "mailto:", … — a scheme is at least two characters, so nothing here looks like a drive letter.
    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9+.\-]+:")]
    private static partial Regex Scheme();
}
