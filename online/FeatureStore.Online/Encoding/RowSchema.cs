using System.Buffers;

namespace FeatureStore.Online.Encoding;

/// <summary>
/// The feature names a stored row was written with, identified by a content hash (<see cref="Id"/>) so a row carries
/// 4 bytes instead of its names. Schemas are stored once per view version next to the rows.
/// </summary>
internal sealed class RowSchema
{
    private readonly Dictionary<string, int> positions;

    public RowSchema(IReadOnlyList<string> names)
    {
        Names = [.. names];
        positions = new Dictionary<string, int>(Names.Length, StringComparer.Ordinal);
        for (var i = 0; i < Names.Length; i++)
        {
            if (string.IsNullOrEmpty(Names[i]))
                throw new OnlineStoreException($"feature name {i} is empty");
            if (!positions.TryAdd(Names[i], i))
                throw new OnlineStoreException($"feature '{Names[i]}' is listed twice");
        }
        Encoded = Encode(Names);
        Id = Fnv1a(Encoded);
    }

    public string[] Names { get; }

    public uint Id { get; }

    /// <summary>Varint count, then each name as a varint length and UTF-8 bytes.</summary>
    public byte[] Encoded { get; }

    /// <summary>Position of a feature in rows of this schema, or -1.</summary>
    public int PositionOf(string name) => positions.GetValueOrDefault(name, -1);

    /// <summary>
    /// For each stored position, the index of that feature in <paramref name="wanted"/>, or -1 when it is not wanted
    /// (a wanted feature the schema lacks simply never gets a slot). Readers keep it per request: <see cref="WantedFeatures"/>.
    /// </summary>
    public int[] TargetsOf(IReadOnlyList<string> wanted)
    {
        var targets = new int[Names.Length];
        Array.Fill(targets, -1);
        for (var i = 0; i < wanted.Count; i++)
        {
            var position = PositionOf(wanted[i]);
            if (position >= 0)
                targets[position] = i;
        }
        return targets;
    }

    public bool SameNames(RowSchema other) => Names.AsSpan().SequenceEqual(other.Names);

    public static RowSchema Decode(ReadOnlySpan<byte> encoded)
    {
        var position = 0;
        if (!VarInt.TryReadUnsigned(encoded, ref position, out var count) || count > (ulong)encoded.Length)
            throw new FormatException("stored feature-name list is malformed");
        var names = new string[(int)count];
        for (var i = 0; i < names.Length; i++)
        {
            if (!ValueCodec.TryReadPayload(encoded, ref position, FeatureValueKind.String, out var name))
                throw new FormatException("stored feature-name list is malformed");
            names[i] = name.AsString();
        }
        return new RowSchema(names);
    }

    private static byte[] Encode(string[] names)
    {
        var writer = new ArrayBufferWriter<byte>(16 * names.Length + 1);
        VarInt.WriteUnsigned(writer, (ulong)names.Length);
        foreach (var name in names)
            ValueCodec.WriteString(writer, name);
        return writer.WrittenSpan.ToArray();
    }

    private static uint Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 2166136261u;
        foreach (var b in bytes)
            hash = (hash ^ b) * 16777619u;
        return hash;
    }
}
