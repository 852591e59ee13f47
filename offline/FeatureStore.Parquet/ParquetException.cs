namespace FeatureStore.Parquet;

/// <summary>
/// Any problem reading or writing Parquet: malformed or truncated files, unsupported features, bad input batches.
/// The message is one line and names the file, column and row group when they are known.
/// </summary>
public class ParquetException : Exception
{
    public ParquetException(string message)
        : base(message)
    {
        Detail = message;
    }

    public ParquetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Detail = message;
    }

    public ParquetException()
        : this("Parquet error")
    {
    }

    public ParquetException(string detail, string? file, string? column, int? rowGroup, Exception? innerException = null)
        : base(Compose(detail, file, column, rowGroup), innerException)
    {
        Detail = detail;
        File = file;
        Column = column;
        RowGroup = rowGroup;
    }

    /// <summary>The problem without the location suffix.</summary>
    public string Detail { get; }

    public string? File { get; }

    public string? Column { get; }

    public int? RowGroup { get; }

    /// <summary>Returns a copy that also carries the given location (fields already set are kept).</summary>
    internal ParquetException WithContext(string? file, string? column, int? rowGroup) =>
        new(Detail, File ?? file, Column ?? column, RowGroup ?? rowGroup, InnerException);

    /// <summary>Turns any failure into a ParquetException carrying the location (keeps what an inner ParquetException already names).</summary>
    internal static ParquetException Wrap(Exception ex, string? file, string? column, int? rowGroup) => ex switch
    {
        ParquetException parquet => parquet.WithContext(file, column, rowGroup),
        _ => new ParquetException(ex.Message, file, column, rowGroup, ex),
    };

    private static string Compose(string detail, string? file, string? column, int? rowGroup)
    {
        var parts = new List<string>(3);
        if (column is not null)
        {
            parts.Add($"column '{column}'");
        }

        if (rowGroup is not null)
        {
            parts.Add($"row group {rowGroup}");
        }

        if (file is not null)
        {
            parts.Add($"file {System.IO.Path.GetFileName(file)}");
        }

        var oneLine = detail.ReplaceLineEndings(" ");
        return parts.Count == 0 ? oneLine : $"{oneLine} ({string.Join(", ", parts)})";
    }
}
