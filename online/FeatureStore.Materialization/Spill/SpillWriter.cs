using FeatureStore.Materialization.Source;
using FeatureStore.Online;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Spill;

/// <summary>Appends <see cref="SpillFormat"/> records to a new spill file.</summary>
internal sealed class SpillWriter : IDisposable
{
    private readonly FileStream stream;
    private readonly BinaryWriter writer;
    private readonly IReadOnlyList<FeatureType> types;

    public SpillWriter(string path, IReadOnlyList<FeatureType> types)
    {
        this.types = types;
        stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 15);
        writer = new BinaryWriter(stream);
    }

    public long Rows { get; private set; }

    /// <summary>Bytes written so far (where the next record starts).</summary>
    public long Position => stream.Position;

    /// <summary>Appends a scanned row, its values read through the source segment's converters.</summary>
    public void Write(
        ReadOnlySpan<byte> key, long eventTicks, long createdTicks, long sequence, int file, long fileRow, string? reason,
        Func<int, FeatureValue>[] converters, int row)
    {
        WriteHeader(key, eventTicks, createdTicks, sequence, file, fileRow, reason);
        for (var f = 0; f < types.Count; f++)
            SpillFormat.WriteValue(writer, converters[f](row), types[f]);
    }

    /// <summary>Appends a row read back from a spill file (a bucket's winner), keeping its sequence and origin.</summary>
    public void Write(ScannedRows rows, int ordinal, SpillFiles files)
    {
        var (file, fileRow) = rows.Origin(ordinal);
        WriteHeader(rows.KeyBytes(ordinal), rows.EventTicks(ordinal), rows.CreatedTicks(ordinal), rows.Sequence(ordinal), files.IndexOf(file), fileRow, rows.Reason(ordinal));
        for (var f = 0; f < types.Count; f++)
            SpillFormat.WriteValue(writer, rows.Value(ordinal, f), types[f]);
    }

    private void WriteHeader(ReadOnlySpan<byte> key, long eventTicks, long createdTicks, long sequence, int file, long fileRow, string? reason)
    {
        SpillFormat.WriteBytes(writer, key);
        writer.Write(eventTicks);
        writer.Write(createdTicks);
        writer.Write7BitEncodedInt64(sequence);
        writer.Write7BitEncodedInt(file);
        writer.Write7BitEncodedInt64(fileRow);
        writer.Write(reason is not null);
        if (reason is not null)
            SpillFormat.WriteText(writer, reason);
        Rows++;
    }

    public void Dispose()
    {
        writer.Dispose();
        stream.Dispose();
    }
}
