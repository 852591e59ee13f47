namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>Reads the fenced code blocks (```lang ... ```) of a Markdown page, in page order.</summary>
internal static class MarkdownCodeBlocks
{
    private const string Fence = "```";

    public static IReadOnlyList<MarkdownCodeBlock> Read(string path)
    {
        var lines = File.ReadAllLines(path);
        var blocks = new List<MarkdownCodeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (!lines[i].StartsWith(Fence, StringComparison.Ordinal))
            {
                continue;
            }

            var language = lines[i][Fence.Length..].Trim();
            var end = Array.FindIndex(lines, i + 1, line => line.TrimEnd() == Fence);
            if (end < 0)
            {
                throw new InvalidDataException($"{path}:{i + 1}: code block never closed");
            }

            blocks.Add(new MarkdownCodeBlock(language, string.Join('\n', lines[(i + 1)..end]), MarkerBefore(lines, i), path, i + 1));
            i = end;
        }

        return blocks;
    }

    /// <summary>"declarations" for a fence right after the line <c>&lt;!-- declarations --&gt;</c>.</summary>
    private static string? MarkerBefore(string[] lines, int fence)
    {
        if (fence == 0)
        {
            return null;
        }

        var previous = lines[fence - 1].Trim();
        return previous.StartsWith("<!--", StringComparison.Ordinal) && previous.EndsWith("-->", StringComparison.Ordinal)
            ? previous[4..^3].Trim()
            : null;
    }
}
