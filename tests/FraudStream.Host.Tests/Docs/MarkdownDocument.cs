using System.Text.RegularExpressions;

namespace FraudStream.Host.Tests.Docs;

/// <summary>
/// What the link check needs from one markdown file: its links and images (inline and reference definitions) and the
/// anchors its headings and <c>&lt;a name|id&gt;</c> tags define. Fenced code blocks and code spans hold no links.
/// </summary>
internal sealed partial class MarkdownDocument
{
    private MarkdownDocument(IReadOnlyList<MarkdownLink> links, IReadOnlySet<string> anchors)
    {
        Links = links;
        Anchors = anchors;
    }

    public IReadOnlyList<MarkdownLink> Links { get; }

    /// <summary>Lower-case anchors, as GitHub resolves a fragment whatever its case.</summary>
    public IReadOnlySet<string> Anchors { get; }

    public static MarkdownDocument Parse(string name, IReadOnlyList<string> lines)
    {
        var links = new List<MarkdownLink>();
        var slugs = new List<string>();
        var explicitAnchors = new List<string>();
        string? fence = null;
        for (var i = 0; i < lines.Count; i++)
        {
            var trimmed = lines[i].TrimStart();
            if (fence is not null)
            {
                if (trimmed.StartsWith(fence, StringComparison.Ordinal) && trimmed.TrimEnd().Trim(fence[0]).Length == 0)
                    fence = null;
                continue;
            }

            if (Fence().Match(trimmed) is { Success: true } opening)
            {
                fence = opening.Value;
                continue;
            }

            var line = BlankCodeSpans(lines[i]);
            if (Heading().IsMatch(line))
                slugs.Add(GitHubSlug.Of(lines[i].Trim().TrimStart('#').Trim().TrimEnd('#').Trim()));

            foreach (Match anchor in HtmlAnchor().Matches(line))
                explicitAnchors.Add(anchor.Groups["name"].Value);

            foreach (Match link in InlineLink().Matches(line))
                links.Add(new MarkdownLink(name, i + 1, link.Groups["target"].Value.Trim('<', '>')));

            if (ReferenceDefinition().Match(line) is { Success: true } definition)
                links.Add(new MarkdownLink(name, i + 1, definition.Groups["target"].Value.Trim('<', '>')));
        }

        var anchors = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        anchors.UnionWith(GitHubSlug.Unique(slugs));
        anchors.UnionWith(explicitAnchors);
        return new MarkdownDocument(links, anchors);
    }

    // Code spans become spaces of the same length: "`[x](y)`" is not a link, and columns stay where they were.
    private static string BlankCodeSpans(string line) => CodeSpan().Replace(line, static m => new string(' ', m.Length));

    [GeneratedRegex(@"^(`{3,}|~{3,})")]
    private static partial Regex Fence();

    [GeneratedRegex(@"^ {0,3}#{1,6}(\s|$)")]
    private static partial Regex Heading();

    [GeneratedRegex(@"(?<fence>`+).+?\k<fence>")]
    private static partial Regex CodeSpan();

    // [text](target "title") and ![alt](target); the text may hold one level of brackets, the target one level of parentheses.
    [GeneratedRegex(@"!?\[(?:[^\[\]]|\[[^\[\]]*\])*\]\(\s*(?<target><[^>]*>|(?:[^\s()]|\([^\s()]*\))+)(?:\s+(?:""[^""]*""|'[^']*'))?\s*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"^ {0,3}\[(?!\^)[^\]]+\]:\s*(?<target><[^>]*>|\S+)")]
    private static partial Regex ReferenceDefinition();

    [GeneratedRegex(@"<a\s+(?:name|id)\s*=\s*""(?<name>[^""]+)""", RegexOptions.IgnoreCase)]
    private static partial Regex HtmlAnchor();
}
