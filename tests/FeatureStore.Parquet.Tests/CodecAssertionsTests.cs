namespace FeatureStore.Parquet.Tests;

/// <summary>Value-by-value comparison of columns and batches, shared by the codec tests.</summary>
internal static class CodecAssert
{
    public static void BatchesEqual(RecordBatch expected, RecordBatch actual)
    {
        Assert.Equal(expected.RowCount, actual.RowCount);
        Assert.Equal(expected.Schema.Count, actual.Schema.Count);
        for (var c = 0; c < expected.Schema.Count; c++)
        {
            Assert.Equal(expected.Schema[c], actual.Schema[c]);
            ColumnsEqual(expected.Columns[c], actual.Columns[c], expected.Schema[c].Name);
        }
    }

    public static void ColumnsEqual(Column expected, Column actual, string name)
    {
        Assert.Equal(expected.Length, actual.Length);
        Assert.Equal(expected.GetType(), actual.GetType());
        for (var r = 0; r < expected.Length; r++)
        {
            var e = expected.GetValue(r);
            var a = actual.GetValue(r);
            if (!ValuesEqual(e, a))
            {
                Assert.Fail($"column '{name}' row {r}: expected {Show(e)}, got {Show(a)}");
            }
        }
    }

    private static bool ValuesEqual(object? e, object? a) => (e, a) switch
    {
        (null, null) => true,
        (byte[] x, byte[] y) => x.AsSpan().SequenceEqual(y),
        (object?[] x, object?[] y) => x.Length == y.Length && x.Zip(y).All(p => ValuesEqual(p.First, p.Second)),
        (double x, double y) => BitConverter.DoubleToInt64Bits(x) == BitConverter.DoubleToInt64Bits(y),
        (float x, float y) => BitConverter.SingleToInt32Bits(x) == BitConverter.SingleToInt32Bits(y),
        _ => Equals(e, a),
    };

    private static string Show(object? value) => value switch
    {
        null => "null",
        byte[] bytes => Convert.ToHexString(bytes),
        object?[] items => "[" + string.Join(", ", items.Select(Show)) + "]",
        _ => value.ToString() ?? string.Empty,
    };
}
