namespace FeatureStore.Registry.Planning;

/// <summary>Collects the field changes of one object; equal values add nothing.</summary>
internal sealed class FieldDiffBuilder
{
    private readonly List<FieldChange> changes = [];

    public IReadOnlyList<FieldChange> Changes => changes;

    public void Safe(string path, string? before, string? after, string? note = null) => Add(path, before, after, breaking: false, note);

    public void Breaking(string path, string? before, string? after, string reason) => Add(path, before, after, breaking: true, reason);

    /// <summary>Compares two string maps key by key (<c>tags.team</c>, <c>field_mapping.col</c>); always safe.</summary>
    public void Map(string prefix, IReadOnlyDictionary<string, string>? before, IReadOnlyDictionary<string, string>? after)
    {
        var keys = (before?.Keys ?? []).Union(after?.Keys ?? [], StringComparer.Ordinal).Order(StringComparer.Ordinal);
        foreach (var key in keys)
            Safe($"{prefix}.{key}", Lookup(before, key), Lookup(after, key));
    }

    private void Add(string path, string? before, string? after, bool breaking, string? reason)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
            changes.Add(new FieldChange(path, before, after, breaking, reason));
    }

    private static string? Lookup(IReadOnlyDictionary<string, string>? map, string key) =>
        map is not null && map.TryGetValue(key, out var value) ? value : null;
}
