using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Registry.Yaml;

/// <summary>
/// Typed reads from one YAML mapping. Unknown keys are reported (with the allowed ones) when the map is opened;
/// each read reports a value of the wrong shape at the value's position and returns null, so reading always goes on.
/// Positions of present keys are recorded into <see cref="ObjectPositions"/> under <c>prefix + key</c>.
/// </summary>
internal sealed class YamlMap
{
    private readonly Dictionary<string, YamlNode> values = new(StringComparer.Ordinal);
    private readonly YamlSource source;
    private readonly ObjectPositions? positions;
    private readonly string prefix;

    private YamlMap(YamlMappingNode node, YamlSource source, ObjectPositions? positions, string prefix)
    {
        Node = node;
        this.source = source;
        this.positions = positions;
        this.prefix = prefix;
    }

    public YamlMappingNode Node { get; }

    /// <summary>Opens <paramref name="node"/> as a mapping describing <paramref name="what"/> ("feature view"), or reports what was found instead.</summary>
    public static YamlMap? Open(
        YamlNode node, string what, YamlSource source, IReadOnlyList<string> allowedKeys, ObjectPositions? positions = null, string prefix = "")
    {
        if (node is not YamlMappingNode mapping)
        {
            source.Report(node.Start, $"expected {Article(what)} {what} (a mapping with keys {string.Join(", ", allowedKeys)}), found {YamlNodes.Describe(node)}");
            return null;
        }

        var map = new YamlMap(mapping, source, positions, prefix);
        var owner = NameOf(mapping) is { } name ? $"{what} '{name}'" : what;
        foreach (var (keyNode, value) in mapping.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } || !allowedKeys.Contains(key, StringComparer.Ordinal))
            {
                source.Report(keyNode.Start, $"unknown key {KeyText(keyNode)} in {owner}; allowed keys: {string.Join(", ", allowedKeys)}");
                continue;
            }

            positions?.Add(prefix + key, value.Start);
            if (!YamlNodes.IsNull(value))
            {
                map.values[key] = value;
            }
        }

        return map;
    }

    public bool Has(string key) => values.ContainsKey(key);

    public YamlNode? Get(string key) => values.GetValueOrDefault(key);

    public string? String(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        source.Report(node.Start, $"expected a single value for '{key}', found {YamlNodes.Describe(node)}");
        return null;
    }

    public bool? Bool(string key) => Parse(key, "true or false", text => bool.TryParse(text, out var value) ? value : (bool?)null);

    public int? Int(string key) => Parse(key, "a whole number", text =>
        int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : (int?)null);

    public TimeSpan? Duration(string key) => Parse(key, $"a duration ({DurationParser.Help})", text =>
        DurationParser.TryParse(text, out var value) ? value : (TimeSpan?)null);

    /// <summary>A mapping of plain values (tags, field_mapping); entry key positions are recorded as "key.entry".</summary>
    public Dictionary<string, string>? StringMap(string key)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlMappingNode mapping)
        {
            source.Report(node.Start, $"expected a mapping of names to values for '{key}', found {YamlNodes.Describe(node)}");
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (entryKey, entryValue) in mapping.Children)
        {
            if (entryKey is not YamlScalarNode { Value: { } name } || entryValue is not YamlScalarNode { Value: { } value })
            {
                var found = entryKey is YamlScalarNode ? entryValue : entryKey;
                source.Report(found.Start, $"expected plain 'name: value' entries in '{key}', found {YamlNodes.Describe(found)}");
                continue;
            }

            positions?.Add($"{prefix}{key}.{name}", entryKey.Start);
            result[name] = YamlNodes.IsNull(entryValue) ? "" : value;
        }

        return result;
    }

    /// <summary>The items of a list value; each item's position is recorded as "key[i]" unless <paramref name="recordItems"/> is false.</summary>
    public IReadOnlyList<YamlNode>? List(string key, string itemsWhat, bool recordItems = true)
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is not YamlSequenceNode sequence)
        {
            source.Report(node.Start, $"expected a list of {itemsWhat} for '{key}', found {YamlNodes.Describe(node)}");
            return null;
        }

        if (recordItems)
        {
            for (var i = 0; i < sequence.Children.Count; i++)
            {
                positions?.Add($"{prefix}{key}[{i}]", sequence.Children[i].Start);
            }
        }

        return [.. sequence.Children];
    }

    /// <summary>A list of plain names (a view's entities); non-scalar items are reported and skipped.</summary>
    public IReadOnlyList<string>? NameList(string key, string itemsWhat)
    {
        if (List(key, itemsWhat) is not { } items)
        {
            return null;
        }

        var names = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (item is YamlScalarNode { Value: { } name } && !YamlNodes.IsNull(item))
            {
                names.Add(name);
            }
            else
            {
                source.Report(item.Start, $"expected a name in '{key}', found {YamlNodes.Describe(item)}");
            }
        }

        return names;
    }

    /// <summary>Reads a scalar and converts it; reports "expected {expected} for 'key', found ..." when it does not convert.</summary>
    public T? Parse<T>(string key, string expected, Func<string, T?> convert)
        where T : struct
    {
        if (Get(key) is not { } node)
        {
            return null;
        }

        if (node is YamlScalarNode { Value: { } text } && convert(text) is { } value)
        {
            return value;
        }

        source.Report(node.Start, $"expected {expected} for '{key}', found {YamlNodes.Describe(node)}");
        return null;
    }

    public void Report(YamlNode node, string message) => source.Report(node.Start, message);

    private static string? NameOf(YamlMappingNode mapping) =>
        mapping.Children.TryGetValue(new YamlScalarNode("name"), out var name) && name is YamlScalarNode { Value: { Length: > 0 } value }
            ? value
            : null;

    private static string KeyText(YamlNode key) => key is YamlScalarNode { Value: { } text } ? $"'{text}'" : YamlNodes.Describe(key);

    private static string Article(string word) => "aeiou".Contains(word[0], StringComparison.Ordinal) ? "an" : "a";
}
