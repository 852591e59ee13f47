using System.Collections.ObjectModel;

namespace FeatureStore.Client.Reply;

/// <summary>
/// A reply's feature names and their positions. Every reply for the same features carries the same metadata bytes, so
/// the reader keeps the last table with those bytes and reuses it instead of building fifty strings and a dictionary
/// per call.
/// </summary>
internal sealed class FeatureNameTable
{
    private readonly byte[] metadata;
    private readonly Dictionary<string, int> index;

    public FeatureNameTable(ReadOnlySpan<byte> metadata, IReadOnlyList<string> names)
    {
        this.metadata = metadata.ToArray();
        Names = new ReadOnlyCollection<string>([.. names]);
        index = new Dictionary<string, int>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            index[names[i]] = i;
        }
    }

    public IReadOnlyList<string> Names { get; }

    public bool Matches(ReadOnlySpan<byte> bytes) => bytes.SequenceEqual(metadata);

    public bool TryGetIndex(string feature, out int position) => index.TryGetValue(feature, out position);
}
