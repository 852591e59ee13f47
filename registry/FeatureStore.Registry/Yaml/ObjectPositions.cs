using YamlDotNet.Core;

namespace FeatureStore.Registry.Yaml;

/// <summary>Where one declared object and its fields start in a YAML file, keyed by field path ("ttl", "features[2].type").</summary>
internal sealed class ObjectPositions(YamlSource source, Mark start)
{
    private readonly Dictionary<string, Mark> fields = new(StringComparer.Ordinal);

    public YamlSource Source { get; } = source;

    public Mark Start { get; } = start;

    public void Add(string path, Mark mark) => fields.TryAdd(path, mark);

    /// <summary>The field's position, else the nearest enclosing field's ("features[2].type" → "features[2]" → "features"), else the object's.</summary>
    public string Locate(string? field)
    {
        var path = field;
        while (!string.IsNullOrEmpty(path))
        {
            if (fields.TryGetValue(path, out var mark))
            {
                return Source.Locate(mark);
            }

            path = Parent(path);
        }

        return Source.Locate(Start);
    }

    private static string Parent(string path)
    {
        if (path.EndsWith(']'))
        {
            var open = path.LastIndexOf('[');
            return open > 0 ? path[..open] : "";
        }

        var dot = path.LastIndexOf('.');
        return dot > 0 ? path[..dot] : "";
    }
}
