using System.Text.RegularExpressions;

namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>
/// Assembles a page's ```csharp blocks into one Program.cs of top-level statements, by the convention written at the top of
/// docs/csharp-end-to-end.md: using directives first (deduplicated), then the statement blocks in page order, then the
/// blocks marked <c>&lt;!-- declarations --&gt;</c>.
/// </summary>
internal static partial class PageProgram
{
    public const string DeclarationsMarker = "declarations";

    /// <summary>The program; each block starts with a #line directive, so compiler errors name the page and the line in it.</summary>
    public static string Assemble(IEnumerable<MarkdownCodeBlock> blocks)
    {
        var usings = new List<string>();
        var statements = new List<string>();
        var declarations = new List<string>();
        foreach (var block in blocks.Where(b => b.Language == "csharp"))
        {
            var lines = block.Code.Split('\n');
            for (var i = 0; i < lines.Length; i++)
            {
                if (UsingDirective().Match(lines[i]) is { Success: true } directive)
                {
                    var text = directive.Groups["directive"].Value;
                    if (!usings.Contains(text))
                    {
                        usings.Add(text);
                    }

                    lines[i] = "";   // keeps every other line where the #line directive says it is
                }
            }

            var located = block.LineDirective + "\n" + string.Join('\n', lines);
            (block.Marker == DeclarationsMarker ? declarations : statements).Add(located);
        }

        return string.Join('\n', usings) + "\n\n" + string.Join("\n\n", statements) + "\n\n" + string.Join("\n\n", declarations) + "\n";
    }

    // `using A.B;`, `using static A.B;` or `using X = A.B;` with an optional trailing comment; not `using var x = ...`.
    [GeneratedRegex(@"^(?<directive>using\s+(static\s+)?([A-Za-z_]\w*\s*=\s*)?[A-Za-z_][\w.]*\s*;)\s*(//.*)?$")]
    private static partial Regex UsingDirective();
}
