namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>
/// A fenced code block of a Markdown page: its language, its text, the HTML comment on the line before its fence (if any),
/// and where it is (the page and the fence's 1-based line).
/// </summary>
internal sealed record MarkdownCodeBlock(string Language, string Code, string? Marker, string Page, int Line)
{
    /// <summary>A #line directive that makes compiler errors in the block's code name the page and the line in it.</summary>
    public string LineDirective => $"#line {Line + 1} \"{Page.Replace(@"\", @"\\", StringComparison.Ordinal)}\"";
}
