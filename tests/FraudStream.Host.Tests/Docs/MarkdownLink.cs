namespace FraudStream.Host.Tests.Docs;

/// <summary>A link or image in a markdown file: the file (relative to the repository root, '/'-separated), its line, and the target as written.</summary>
internal readonly record struct MarkdownLink(string File, int Line, string Target);
