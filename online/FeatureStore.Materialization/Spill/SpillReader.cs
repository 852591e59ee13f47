using System.Buffers;
using FeatureStore.Materialization.Source;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Spill;

/// <summary>Reads <see cref="SpillFormat"/> records back into columnar <see cref="ScannedRows"/> (feature columns rebuilt in their declared types).</summary>
internal static class SpillReader
{
    private const int SegmentRows = 1 << 16;

    /// <summary>The <paramref name="count"/> records starting at byte <paramref name="offset"/> of the file (all to the end when null).</summary>
    public static ScannedRows Read(string path, long offset, long? count, IReadOnlyList<FeatureType> types, SpillFiles files, CancellationToken ct)
    {
        var rows = new ScannedRows((int)Math.Min(count ?? 0, Array.MaxLength));
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        stream.Position = offset;
        using var reader = new BinaryReader(stream);
        var chunk = new Chunk(types);
        long read = 0;
        while ((count is null || read < count) && stream.Position < stream.Length)
        {
            chunk.Read(reader);
            read++;
            if (chunk.Count == SegmentRows)
            {
                ct.ThrowIfCancellationRequested();
                chunk.MoveTo(rows, types, files);
                chunk = new Chunk(types);
            }
        }

        if (chunk.Count > 0)
            chunk.MoveTo(rows, types, files);
        return rows;
    }

    /// <summary>Records read but not yet added: their columns are built once the chunk is full.</summary>
    private sealed class Chunk(IReadOnlyList<FeatureType> types)
    {
        private readonly ArrayBufferWriter<byte> keys = new();
        private readonly List<int> keyEnds = [];
        private readonly List<long> events = [];
        private readonly List<long> createds = [];
        private readonly List<long> sequences = [];
        private readonly List<int> fileOf = [];
        private readonly List<long> rowOf = [];
        private readonly Dictionary<int, string> reasons = [];
        private readonly SpillColumnBuilder[] builders = [.. types.Select(SpillColumnBuilder.For)];

        public int Count => events.Count;

        public void Read(BinaryReader reader)
        {
            var length = reader.Read7BitEncodedInt();
            reader.BaseStream.ReadExactly(keys.GetSpan(length)[..length]);
            keys.Advance(length);
            keyEnds.Add(keys.WrittenCount);
            events.Add(reader.ReadInt64());
            createds.Add(reader.ReadInt64());
            sequences.Add(reader.Read7BitEncodedInt64());
            fileOf.Add(reader.Read7BitEncodedInt());
            rowOf.Add(reader.Read7BitEncodedInt64());
            if (reader.ReadBoolean())
                reasons[Count - 1] = SpillFormat.ReadText(reader);
            foreach (var builder in builders)
                builder.Read(reader);
        }

        public void MoveTo(ScannedRows rows, IReadOnlyList<FeatureType> featureTypes, SpillFiles files)
        {
            var columns = builders.Select(b => b.Build()).ToArray();
            var converters = Enumerable.Range(0, columns.Length)
                .Select(f => ColumnReader.Converter(columns[f], SpillFormat.ColumnType(featureTypes[f]), featureTypes[f])).ToArray();
            var fileIndex = fileOf.ToArray();
            var fileRow = rowOf.ToArray();
            rows.AddSegment(new ScannedSegment(columns, converters, row => (files[fileIndex[row]], fileRow[row])));
            var start = 0;
            for (var i = 0; i < Count; i++)
            {
                rows.AddEncoded(i, events[i], createds[i], keys.WrittenSpan[start..keyEnds[i]], sequences[i], reasons.GetValueOrDefault(i));
                start = keyEnds[i];
            }
        }
    }
}
