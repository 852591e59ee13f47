using System.Text;

namespace FeatureStore.Parquet;

/// <summary>
/// Variable-length values (String, Enum, Binary, FixedLenBinary): row i is <c>Data[Offsets[i]..Offsets[i+1]]</c>.
/// Offsets has Length + 1 entries; a null row has an empty slot.
/// </summary>
public sealed class BinaryColumn : Column
{
    public BinaryColumn(int[] offsets, byte[] data, int length, bool[]? validity = null)
        : base(length, validity)
    {
        ArgumentNullException.ThrowIfNull(offsets);
        ArgumentNullException.ThrowIfNull(data);
        if (offsets.Length < length + 1)
        {
            throw new ArgumentException($"offsets has {offsets.Length} entries, needs {length + 1}", nameof(offsets));
        }

        if (offsets[length] > data.Length)
        {
            throw new ArgumentException($"offsets end at {offsets[length]} past the {data.Length} data bytes", nameof(data));
        }

        Offsets = offsets;
        Data = data;
    }

    public int[] Offsets { get; }

    public byte[] Data { get; }

    public ReadOnlySpan<byte> GetBytes(int row) => Data.AsSpan(Offsets[row], Offsets[row + 1] - Offsets[row]);

    /// <summary>The row as UTF-8 decoded text, or null for a null row.</summary>
    public string? GetString(int row) => IsNull(row) ? null : Encoding.UTF8.GetString(GetBytes(row));

    public override object? GetValue(int row) => IsNull(row) ? null : GetBytes(row).ToArray();

    /// <summary>Builds a column from strings (null entries become null rows).</summary>
    public static BinaryColumn FromStrings(IReadOnlyList<string?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var total = 0;
        for (var i = 0; i < values.Count; i++)
        {
            total += values[i] is { } s ? Encoding.UTF8.GetByteCount(s) : 0;
        }

        var data = new byte[total];
        var offsets = new int[values.Count + 1];
        bool[]? validity = null;
        var position = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } s)
            {
                position += Encoding.UTF8.GetBytes(s, data.AsSpan(position));
            }
            else
            {
                validity ??= CreateAllValid(values.Count);
                validity[i] = false;
            }

            offsets[i + 1] = position;
        }

        return new BinaryColumn(offsets, data, values.Count, validity);
    }

    /// <summary>Builds a column from byte arrays (null entries become null rows).</summary>
    public static BinaryColumn FromBytes(IReadOnlyList<byte[]?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var total = 0;
        for (var i = 0; i < values.Count; i++)
        {
            total += values[i]?.Length ?? 0;
        }

        var data = new byte[total];
        var offsets = new int[values.Count + 1];
        bool[]? validity = null;
        var position = 0;
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] is { } bytes)
            {
                bytes.CopyTo(data, position);
                position += bytes.Length;
            }
            else
            {
                validity ??= CreateAllValid(values.Count);
                validity[i] = false;
            }

            offsets[i + 1] = position;
        }

        return new BinaryColumn(offsets, data, values.Count, validity);
    }

    private static bool[] CreateAllValid(int count)
    {
        var validity = new bool[count];
        Array.Fill(validity, true);
        return validity;
    }
}
