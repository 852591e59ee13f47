using FeatureStore.Parquet.Format;

namespace FeatureStore.Parquet.Writing;

internal static class ChunkWriterFactory
{
    public static ColumnChunkWriter Create(ColumnDescriptor column, ParquetWriteOptions options) => column.Physical switch
    {
        PhysicalType.Boolean => new BooleanChunkWriter(column, options),
        PhysicalType.Int32 => new FixedWidthChunkWriter<int>(column, options),
        PhysicalType.Int64 => new FixedWidthChunkWriter<long>(column, options),
        PhysicalType.Float => new FixedWidthChunkWriter<float>(column, options),
        PhysicalType.Double => new FixedWidthChunkWriter<double>(column, options),
        _ => new ByteArrayChunkWriter(column, options),
    };
}
