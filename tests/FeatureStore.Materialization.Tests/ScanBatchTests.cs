using FeatureStore.Materialization.Source;

namespace FeatureStore.Materialization.Tests;

/// <summary><see cref="ScanBatch"/>: keys of any length read back as written, hashed as <see cref="ScannedRows"/> hashes them, and a full batch refuses more rows.</summary>
public sealed class ScanBatchTests
{
    [Fact]
    public void Rows_read_back_as_added_until_the_batch_is_full()
    {
        var batch = new ScanBatch();
        var keys = new List<byte[]>();
        for (var i = 0; i < ScanBatch.Capacity; i++)
        {
            // Lengths 1 to 40 bytes, so the key buffer grows past its first size.
            var key = Enumerable.Range(0, 1 + (i % 40)).Select(b => (byte)(i + b)).ToArray();
            keys.Add(key);
            batch.Add(i * 2, i, -i, key, i % 1000 == 0 ? $"rule {i}" : null);
        }

        Assert.Equal(ScanBatch.Capacity, batch.Count);
        Assert.True(batch.HasReasons);
        for (var i = 0; i < batch.Count; i += 997)
        {
            Assert.Equal(keys[i], batch.Key(i).ToArray());
            Assert.Equal(ScannedRows.StableHashOf(keys[i]), batch.Hashes[i]);
            Assert.Equal((i * 2, (long)i, (long)-i), (batch.Rows[i], batch.EventTicks[i], batch.CreatedTicks[i]));
            Assert.Equal(i % 1000 == 0 ? $"rule {i}" : null, batch.Reason(i));
        }

        var full = Assert.Throws<InvalidOperationException>(() => batch.Add(0, 0, 0, [1], null));
        Assert.Contains($"{ScanBatch.Capacity} rows", full.Message);

        batch.Clear();
        Assert.Equal(0, batch.Count);
        Assert.False(batch.HasReasons);
        batch.Add(7, 1, 2, [9, 9], null);
        Assert.Equal([9, 9], batch.Key(0).ToArray());
    }
}
