namespace FeatureStore.Parquet;

/// <summary>Joins same-schema batches into one batch (a copy).</summary>
internal static class ColumnConcatenator
{
    public static RecordBatch Concat(ParquetSchema schema, IReadOnlyList<RecordBatch> batches)
    {
        if (batches.Count == 0)
        {
            return EmptyColumns.Batch(schema);
        }

        var rows = 0L;
        foreach (var batch in batches)
        {
            rows += batch.RowCount;
        }

        if (rows > Array.MaxLength)
        {
            throw new ParquetException($"{rows} rows do not fit in one batch; read row group by row group instead");
        }

        var columns = new Column[schema.Count];
        var parts = new Column[batches.Count];
        for (var c = 0; c < columns.Length; c++)
        {
            for (var b = 0; b < batches.Count; b++)
            {
                parts[b] = batches[b].Columns[c];
            }

            columns[c] = Concat(parts, (int)rows);
        }

        return new RecordBatch(schema, columns, (int)rows);
    }

    public static Column Concat(IReadOnlyList<Column> parts, int rows)
    {
        if (parts.Count == 0)
        {
            throw new ArgumentException("nothing to concatenate", nameof(parts));
        }

        var validity = ConcatValidity(parts, rows);
        return parts[0] switch
        {
            Int32Column => new Int32Column(ConcatValues(parts, rows, static c => ((Int32Column)c).Values), validity),
            Int64Column => new Int64Column(ConcatValues(parts, rows, static c => ((Int64Column)c).Values), validity),
            FloatColumn => new FloatColumn(ConcatValues(parts, rows, static c => ((FloatColumn)c).Values), validity),
            DoubleColumn => new DoubleColumn(ConcatValues(parts, rows, static c => ((DoubleColumn)c).Values), validity),
            BooleanColumn => new BooleanColumn(ConcatValues(parts, rows, static c => ((BooleanColumn)c).Values), validity),
            DecimalColumn { Unscaled: not null } first when parts.All(p => p is DecimalColumn { Unscaled: not null } d && d.Scale == first.Scale) =>
                new DecimalColumn(ConcatValues(parts, rows, static c => ((DecimalColumn)c).Unscaled!), first.Scale, rows, validity),
            DecimalColumn => new DecimalColumn(ConcatValues(parts, rows, static c => ((DecimalColumn)c).Values), validity),
            BinaryColumn => ConcatBinary(parts, rows, validity),
            ListColumn => ConcatList(parts, rows, validity),
            _ => throw new ArgumentException($"unknown column type {parts[0].GetType().Name}", nameof(parts)),
        };
    }

    private static T[] ConcatValues<T>(IReadOnlyList<Column> parts, int rows, Func<Column, T[]> values)
    {
        var result = new T[rows];
        var position = 0;
        foreach (var part in parts)
        {
            values(part).AsSpan(0, part.Length).CopyTo(result.AsSpan(position));
            position += part.Length;
        }

        return result;
    }

    private static bool[]? ConcatValidity(IReadOnlyList<Column> parts, int rows)
    {
        var any = false;
        foreach (var part in parts)
        {
            any |= part.Validity is not null;
        }

        if (!any)
        {
            return null;
        }

        var result = new bool[rows];
        var position = 0;
        foreach (var part in parts)
        {
            if (part.Validity is null)
            {
                result.AsSpan(position, part.Length).Fill(true);
            }
            else
            {
                part.Validity.AsSpan(0, part.Length).CopyTo(result.AsSpan(position));
            }

            position += part.Length;
        }

        return result;
    }

    private static BinaryColumn ConcatBinary(IReadOnlyList<Column> parts, int rows, bool[]? validity)
    {
        long bytes = 0;
        foreach (BinaryColumn part in parts)
        {
            bytes += part.Offsets[part.Length] - part.Offsets[0];
        }

        if (bytes > Array.MaxLength)
        {
            throw new ParquetException($"{bytes} bytes of binary data do not fit in one column");
        }

        var offsets = new int[rows + 1];
        var data = new byte[bytes];
        var row = 0;
        var position = 0;
        foreach (BinaryColumn part in parts)
        {
            var first = part.Offsets[0];
            var length = part.Offsets[part.Length] - first;
            part.Data.AsSpan(first, length).CopyTo(data.AsSpan(position));
            for (var i = 1; i <= part.Length; i++)
            {
                offsets[row + i] = position + part.Offsets[i] - first;
            }

            row += part.Length;
            position += length;
        }

        return new BinaryColumn(offsets, data, rows, validity);
    }

    private static ListColumn ConcatList(IReadOnlyList<Column> parts, int rows, bool[]? validity)
    {
        var children = new Column[parts.Count];
        var elements = 0L;
        for (var p = 0; p < parts.Count; p++)
        {
            var list = (ListColumn)parts[p];
            children[p] = ColumnSlicer.Slice(list.Values, list.Offsets[0], list.Offsets[list.Length] - list.Offsets[0]);
            elements += children[p].Length;
        }

        var offsets = new int[rows + 1];
        var row = 0;
        var position = 0;
        foreach (ListColumn part in parts)
        {
            var first = part.Offsets[0];
            for (var i = 1; i <= part.Length; i++)
            {
                offsets[row + i] = position + part.Offsets[i] - first;
            }

            row += part.Length;
            position += part.Offsets[part.Length] - first;
        }

        return new ListColumn(offsets, Concat(children, (int)elements), rows, validity);
    }
}
