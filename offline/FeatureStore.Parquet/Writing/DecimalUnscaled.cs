using FeatureStore.Parquet.Reading;

namespace FeatureStore.Parquet.Writing;

/// <summary>The unscaled integer to store for a decimal row: exact Unscaled values when the column has them at the field's scale.</summary>
internal static class DecimalUnscaled
{
    public static Int128 Of(DecimalColumn column, int row, ParquetType type)
    {
        if (column.Unscaled is { } unscaled && column.Scale == type.Scale)
        {
            DecimalConverter.CheckPrecision(unscaled[row], type.Precision);
            return unscaled[row];
        }

        return DecimalConverter.ToUnscaled(column.Values[row], type.Scale, type.Precision);
    }
}
