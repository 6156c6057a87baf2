using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FraudStream.Host.Tests.Docs;

/// <summary>
/// The anchor GitHub gives a heading (github-slugger): the heading's rendered text in lower case, every character that is
/// not a letter, a mark, a number, a space, '-' or '_' removed, spaces turned into '-'. A repeated slug gets "-1", "-2", ….
/// </summary>
internal static partial class GitHubSlug
{
    /// <summary>The slug of one heading's markdown text, before de-duplication.</summary>
    public static string Of(string headingMarkdown)
    {
        var text = RenderedText(headingMarkdown).ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c == ' ')
                slug.Append('-');
            else if (c is '-' or '_' || Kept(CharUnicodeInfo.GetUnicodeCategory(c)))
                slug.Append(c);
        }

        return slug.ToString();
    }

    /// <summary>The anchors of a file's headings in order, repeated slugs numbered as GitHub numbers them.</summary>
    public static IEnumerable<string> Unique(IEnumerable<string> slugs)
    {
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var slug in slugs)
        {
            var unique = slug;
            if (seen.TryGetValue(slug, out var count))
            {
                do
                {
                    count++;
                    unique = $"{slug}-{count}";
                }
                while (seen.ContainsKey(unique));

                seen[slug] = count;
            }

            seen.TryAdd(unique, 0);
            yield return unique;
        }
    }

    private static bool Kept(UnicodeCategory category) => category is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
        UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or
        UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber;

    // What the heading shows: a link's text instead of the link, no HTML tags; code spans kept as written (their
    // backticks are punctuation and go anyway, but a "<" inside one is text, not a tag).
    private static string RenderedText(string markdown)
    {
        var text = new StringBuilder(markdown.Length);
        var last = 0;
        foreach (Match span in CodeSpan().Matches(markdown))
        {
            text.Append(OutsideCode(markdown[last..span.Index])).Append(span.Groups["code"].Value);
            last = span.Index + span.Length;
        }

        return text.Append(OutsideCode(markdown[last..])).ToString();
    }

    private static string OutsideCode(string markdown) => HtmlTag().Replace(InlineLink().Replace(markdown, "${text}"), "");

    [GeneratedRegex(@"(?<fence>`+)(?<code>.+?)\k<fence>")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"!?\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex InlineLink();

    [GeneratedRegex(@"</?[A-Za-z][^>]*>")]
    private static partial Regex HtmlTag();
}
