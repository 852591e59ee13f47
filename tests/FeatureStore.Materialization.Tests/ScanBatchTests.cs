using FeatureStore.Materialization.Source;
using FeatureStore.Online;

namespace FeatureStore.Materialization.Tests;

/// <summary>
/// <see cref="ScanBatch"/>: keys of any length read back as written, hashed as <see cref="ScannedRows"/> hashes them, and a
/// full batch refuses more rows; integer keys encoded in place match the canonical encoding; staged times move down in place.
/// </summary>
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

    [Fact]
    public void Integer_keys_encoded_in_place_are_the_canonical_key_bytes_and_hash()
    {
        var batch = new ScanBatch();
        long[] values = [0, 1, -1, 63, -64, 64, int.MaxValue, int.MinValue, long.MaxValue, long.MinValue];
        foreach (var value in values)
            batch.AddIntegerKey(3, 10, 20, value, int32: false);
        batch.AddIntegerKey(4, 11, 21, int.MinValue, int32: true);

        for (var i = 0; i < values.Length; i++)
        {
            var canonical = EntityKey.Of(FeatureValue.FromInt64(values[i])).Encoded.ToArray();
            Assert.Equal(canonical, batch.Key(i).ToArray());
            Assert.Equal(ScannedRows.StableHashOf(canonical), batch.Hashes[i]);
        }

        Assert.Equal(EntityKey.Of(FeatureValue.FromInt32(int.MinValue)).Encoded.ToArray(), batch.Key(values.Length).ToArray());
        Assert.Equal((4, 11L, 21L), (batch.Rows[^1], batch.EventTicks[^1], batch.CreatedTicks[^1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => batch.AddIntegerKey(0, 0, 0, 1L << 40, int32: true));
    }

    [Fact]
    public void Times_staged_for_a_slice_move_down_to_the_rows_kept()
    {
        var batch = new ScanBatch();
        batch.Add(1, 1, 1, [1], null);
        var (eventTicks, createdTicks) = batch.Stage();
        Assert.Equal(0, batch.Count);
        for (var i = 0; i < 10; i++)
            (eventTicks[i], createdTicks[i]) = (100 + i, 200 + i);

        // Keep the odd rows of the slice, reading each row's staged times before adding it.
        for (var i = 1; i < 10; i += 2)
            batch.AddIntegerKey(i, eventTicks[i], createdTicks[i], i, int32: false);

        Assert.Equal([101L, 103, 105, 107, 109], batch.EventTicks.ToArray());
        Assert.Equal([201L, 203, 205, 207, 209], batch.CreatedTicks.ToArray());
        Assert.Equal([1, 3, 5, 7, 9], batch.Rows.ToArray());
    }
}
