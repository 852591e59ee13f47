namespace FeatureStore.Parquet.Encodings;

/// <summary>The DELTA_BINARY_PACKED page header: block size, miniblocks per block, value count, first value.</summary>
internal readonly record struct DeltaBinaryPackedHeader(int BlockSize, int MiniblockCount, int TotalCount, long FirstValue)
{
    public int ValuesPerMiniblock => BlockSize / MiniblockCount;

    public static DeltaBinaryPackedHeader Read(ReadOnlySpan<byte> data, ref int position)
    {
        ulong blockSize = Leb128.ReadUInt64(data, ref position, "DELTA_BINARY_PACKED block size");
        ulong miniblocks = Leb128.ReadUInt64(data, ref position, "DELTA_BINARY_PACKED miniblock count");
        ulong totalCount = Leb128.ReadUInt64(data, ref position, "DELTA_BINARY_PACKED value count");
        long firstValue = Leb128.ReadZigZag64(data, ref position, "DELTA_BINARY_PACKED first value");
        if (blockSize == 0 || blockSize % 128 != 0 || blockSize > int.MaxValue)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED block size {blockSize} is not a positive multiple of 128.");
        }

        if (miniblocks == 0 || blockSize % miniblocks != 0 || blockSize / miniblocks % 32 != 0)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED miniblock count {miniblocks} does not split block size {blockSize} into multiples of 32 values.");
        }

        if (totalCount > int.MaxValue)
        {
            throw new InvalidDataException($"DELTA_BINARY_PACKED value count {totalCount} exceeds 2^31-1.");
        }

        return new DeltaBinaryPackedHeader((int)blockSize, (int)miniblocks, (int)totalCount, firstValue);
    }
}
