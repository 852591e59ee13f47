using System.Text;
using Apache.Arrow;
using Apache.Arrow.Types;
using FeatureStore.Offline;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Arrow;

/// <summary>
/// Status columns (<c>&lt;feature&gt;__status</c>, text PRESENT / MISSING / OUTSIDE_TTL / NULL_VALUE) in Arrow:
/// dictionary-encoded strings with int8 indices into one fixed dictionary, the same in every batch and file:
/// 0 = PRESENT, 1 = MISSING, 2 = OUTSIDE_TTL, 3 = NULL_VALUE (the <see cref="FeatureStatus"/> values).
/// pandas reads them as a categorical, Polars as <c>Categorical</c>; the index alone is the int8 code.
/// </summary>
public static class ArrowStatusColumns
{
    public const string Suffix = "__status";

    private static readonly byte[][] Names = [.. FeatureStatuses.All.Select(s => Encoding.UTF8.GetBytes(s.Name()))];

    // The dictionary's buffers, in managed memory (never changed) so that every batch can share them.
    private static readonly int[] DictionaryOffsets = Offsets(Names);
    private static readonly byte[] DictionaryBytes = [.. Names.SelectMany(n => n)];

    /// <summary><c>dictionary&lt;values=utf8, indices=int8&gt;</c>.</summary>
    public static DictionaryType Type { get; } = new(Int8Type.Default, StringType.Default, ordered: false);

    /// <summary>The dictionary, in index order: PRESENT, MISSING, OUTSIDE_TTL, NULL_VALUE.</summary>
    public static IReadOnlyList<string> Dictionary { get; } = [.. FeatureStatuses.All.Select(s => s.Name())];

    /// <summary>Whether a column is a status column: a string column whose name ends in <c>__status</c>.</summary>
    public static bool IsStatusColumn(ParquetField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        return field.Type.Kind == ParquetTypeKind.String && field.Name.EndsWith(Suffix, StringComparison.Ordinal);
    }

    /// <summary>Encodes a status column's text as indices into the fixed dictionary.</summary>
    internal static DictionaryArray ToArrow(string column, BinaryColumn values)
    {
        var length = values.Length;
        var indices = new sbyte[length];
        for (var row = 0; row < length; row++)
        {
            if (!values.IsNull(row))
            {
                indices[row] = IndexOf(column, row, values.GetBytes(row));
            }
        }

        var validity = ValidityBitmap.Pack(values.Validity, length, out var nullCount);
        var indexData = new ArrayData(Int8Type.Default, length, nullCount, 0, [validity, ArrayByteMemory<sbyte>.Wrap(indices, length)]);
        var dictionary = new StringArray(Names.Length, ArrayByteMemory<int>.Wrap(DictionaryOffsets, DictionaryOffsets.Length), new ArrowBuffer(DictionaryBytes), ArrowBuffer.Empty);
        return new DictionaryArray(Type, new Int8Array(indexData), dictionary);
    }

    private static int[] Offsets(byte[][] values)
    {
        var offsets = new int[values.Length + 1];
        for (var i = 0; i < values.Length; i++)
        {
            offsets[i + 1] = offsets[i] + values[i].Length;
        }

        return offsets;
    }

    private static sbyte IndexOf(string column, int row, ReadOnlySpan<byte> text)
    {
        for (var i = 0; i < Names.Length; i++)
        {
            if (text.SequenceEqual(Names[i]))
            {
                return (sbyte)i;
            }
        }

        throw new ArgumentException(
            $"column '{column}' row {row} holds '{Encoding.UTF8.GetString(text)}', which is not a feature status ({string.Join(", ", Dictionary)}); " +
            $"string columns named *{Suffix} are converted as status columns");
    }
}
