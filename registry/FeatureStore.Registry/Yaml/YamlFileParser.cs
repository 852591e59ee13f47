using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Parses a YAML text into documents, reporting malformed YAML at the parser's position instead of throwing.
/// The event stream is walked first: it finds nesting deep enough to overflow the stack of the recursive
/// representation-model loader (an uncatchable crash) and too many aliases, and it gives a position for the few inputs on which
/// YamlDotNet throws InvalidOperationException / ArgumentException instead of a YamlException (found by fuzzing).
/// </summary>
internal static class YamlFileParser
{
    public const int MaxDepth = 64;

    /// <summary>Aliases are shared, not copied, in the representation model, but readers walk each use: a few nested aliases could multiply work (the "billion laughs" shape).</summary>
    public const int MaxAliases = 100;

    public static IReadOnlyList<YamlDocument> Parse(string text, YamlSource source)
    {
        if (!Scan(text, source))
        {
            return [];
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            return [.. stream.Documents];
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException or ArgumentException)
        {
            source.Report(e is YamlException y ? y.Start : Mark.Empty, $"malformed YAML: {e.Message}");
            return [];
        }
    }

    /// <summary>Walks the events; false (reported) when the YAML is malformed or nested too deep.</summary>
    private static bool Scan(string text, YamlSource source)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        var aliases = 0;
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                var current = parser.Current!;
                last = current.End;
                if (current is MappingStart or SequenceStart && ++depth > MaxDepth)
                {
                    source.Report(current.Start, $"YAML nested deeper than {MaxDepth} levels; definitions never need that");
                    return false;
                }

                if (current is AnchorAlias && ++aliases > MaxAliases)
                {
                    source.Report(current.Start, $"more than {MaxAliases} aliases (*name) in one file; definitions never need that many");
                    return false;
                }

                if (current is MappingEnd or SequenceEnd)
                {
                    depth--;
                }
            }

            return true;
        }
        catch (YamlException e)
        {
            source.Report(e.Start, $"malformed YAML: {e.Message}");
            return false;
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            source.Report(last, $"malformed YAML: the parser stopped after this point ({e.Message})");
            return false;
        }
    }
}
