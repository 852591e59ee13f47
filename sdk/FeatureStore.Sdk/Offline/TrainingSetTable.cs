using System.Diagnostics.CodeAnalysis;
using FeatureStore.Offline;
using FeatureStore.Parquet;
using FeatureStore.Sdk.Rows;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// A built training set in memory, read by row and column name: the spine's columns, then the feature columns (and status
/// columns when asked for). Typed getters convert as <see cref="ToRows{T}"/> does (timestamps are UTC
/// <see cref="DateTimeOffset"/>s, text is <see cref="string"/>); a value getter on a null cell throws, so check
/// <see cref="IsNull"/> or <see cref="GetStatus"/> first. Every feature's status is available, with or without status columns.
/// </summary>
public sealed class TrainingSetTable : ICellTable
{
    private const string StatusSuffix = "__status";
    private readonly Dictionary<string, int> columnIndex;
    private readonly string[] cellColumns;
    private readonly Dictionary<int, ReadOnlyMemory<FeatureStatus>> statusOfColumn = [];
    private readonly TrainingSetMask? mask;
    private readonly Lazy<RecordBatch> batch;

    internal TrainingSetTable(TrainingSet trainingSet, TrainingSetMask? mask = null)
    {
        TrainingSet = trainingSet;
        this.mask = mask;
        Schema = mask?.Apply(trainingSet.Schema) ?? trainingSet.Schema;
        batch = new Lazy<RecordBatch>(() => Batches(Math.Max(1, trainingSet.RowCount)).First());
        var names = Schema.Fields.Select(f => f.Name).ToList();
        foreach (var feature in trainingSet.FeatureColumns)
        {
            var statusColumn = feature + StatusSuffix;
            var index = names.IndexOf(statusColumn);
            if (index < 0)
            {
                // Without status columns in the output, statuses are still offered (to ToRows) under the same name.
                index = names.Count;
                names.Add(statusColumn);
            }

            statusOfColumn[index] = trainingSet.StatusesOf(feature);
        }

        cellColumns = [.. names];
        columnIndex = names.Select((n, i) => (n, i)).ToDictionary(p => p.n, p => p.i, StringComparer.Ordinal);
    }

    /// <summary>
    /// The training set as the engine built it (statistics, source files, status counts). Its values are not masked:
    /// read cells, batches and files through the table.
    /// </summary>
    public TrainingSet TrainingSet { get; }

    /// <summary>All rows as one batch, in spine order (masked columns hold hashes).</summary>
    public RecordBatch Batch => batch.Value;

    public int RowCount => TrainingSet.RowCount;

    /// <summary>The output's columns (spine, features, status columns when asked for); a masked feature is a string column.</summary>
    public ParquetSchema Schema { get; }

    /// <summary>The feature columns whose values are keyed hashes (<see cref="HistoricalFeatureOptions.Mask"/>); empty when unmasked.</summary>
    public IReadOnlySet<string> MaskedColumns => mask?.Columns ?? new HashSet<string>();

    /// <summary>Feature columns in output order.</summary>
    public IReadOnlyList<string> FeatureColumns => TrainingSet.FeatureColumns;

    /// <summary>The rows in spine order, <paramref name="batchRows"/> at a time (for writers such as Arrow IPC), masked columns as hashes.</summary>
    public IEnumerable<RecordBatch> Batches(int batchRows = 65_536) =>
        mask is null ? TrainingSet.Batches(batchRows) : TrainingSet.Batches(batchRows).Select(mask.Apply);

    /// <summary>
    /// The manifest of this training set delivered as <paramref name="output"/> (a file, a Flight stream): what it was built
    /// from, the principal, purpose and PII classes, and which features are masked.
    /// </summary>
    public TrainingSetManifest ManifestFor(FileFingerprint output)
    {
        var manifest = TrainingSetWriter.Manifest(TrainingSet, output);
        return mask is null
            ? manifest
            : manifest with { Masked = true, Features = [.. manifest.Features.Select(f => f with { Masked = mask.Columns.Contains(f.Column) })] };
    }

    /// <summary>How many rows of each feature ended with each status.</summary>
    public IReadOnlyDictionary<string, IReadOnlyDictionary<FeatureStatus, long>> StatusCounts() => TrainingSet.StatusCounts();

    public bool IsNull(int row, string column) => Cell(row, Index(column)) is null;

    /// <summary>Text (or a status's name); null for a null cell.</summary>
    public string? GetString(int row, string column) => CellConversion.Get<string?>(this, row, Index(column), column);

    public long GetInt64(int row, string column) => CellConversion.Get<long>(this, row, Index(column), column);

    public int GetInt32(int row, string column) => CellConversion.Get<int>(this, row, Index(column), column);

    /// <summary>A floating-point (or integer) value as a double.</summary>
    public double GetDouble(int row, string column) => CellConversion.Get<double>(this, row, Index(column), column);

    public bool GetBoolean(int row, string column) => CellConversion.Get<bool>(this, row, Index(column), column);

    /// <summary>A timestamp (or date) column's value as a UTC instant.</summary>
    public DateTimeOffset GetDateTimeOffset(int row, string column) => CellConversion.Get<DateTimeOffset>(this, row, Index(column), column);

    /// <summary>A list feature (e.g. an embedding); null for a null cell.</summary>
    public float[]? GetFloatArray(int row, string column) => CellConversion.Get<float[]?>(this, row, Index(column), column);

    /// <summary>Why a feature cell holds what it holds: PRESENT, MISSING, OUTSIDE_TTL or NULL_VALUE.</summary>
    /// <param name="featureColumn">The feature's output column (<c>conv_rate</c>, or <c>view__conv_rate</c> with full names).</param>
    public FeatureStatus GetStatus(int row, string featureColumn)
    {
        ArgumentNullException.ThrowIfNull(featureColumn);
        CheckRow(row);
        return columnIndex.TryGetValue(featureColumn + StatusSuffix, out var index)
            ? statusOfColumn[index].Span[row]
            : throw new KeyNotFoundException($"'{featureColumn}' is not a feature column (features: {string.Join(", ", FeatureColumns)})");
    }

    /// <summary>
    /// Every row as a <typeparamref name="T"/>, matching members to columns by name ignoring case and underscores: a
    /// positional record's constructor parameters, else settable properties. A <see cref="FeatureStatus"/> member
    /// named <c>&lt;Feature&gt;Status</c> gets the feature's status. Columns without a member are ignored.
    /// </summary>
    /// <exception cref="FeatureStoreException">A null cell for a non-nullable member or an incompatible type
    /// (<see cref="FeatureStoreErrorCode.InvalidRowType"/>), naming member, row and column.</exception>
    public IReadOnlyList<T> ToRows<[DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors | DynamicallyAccessedMemberTypes.PublicProperties)] T>() =>
        RowMapper.Map<T>(this);

    IReadOnlyList<string> ICellTable.CellColumns => cellColumns;

    object? ICellTable.Cell(int row, int column) => Cell(row, column);

    string? ICellTable.WhyNull(int row, int column) =>
        column < Schema.Count && columnIndex.TryGetValue(cellColumns[column] + StatusSuffix, out var status)
            ? $"status {statusOfColumn[status].Span[row].Name()}"
            : null;

    private object? Cell(int row, int column)
    {
        CheckRow(row);
        if (statusOfColumn.TryGetValue(column, out var statuses))
        {
            return statuses.Span[row];
        }

        return BatchCells.Read(Batch, column, row);
    }

    private int Index(string column)
    {
        ArgumentNullException.ThrowIfNull(column);
        return columnIndex.TryGetValue(column, out var index) && index < Schema.Count
            ? index
            : throw new KeyNotFoundException($"no column '{column}' in the training set (columns: {string.Join(", ", Schema.Fields.Select(f => f.Name))})");
    }

    private void CheckRow(int row)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(row);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(row, RowCount);
    }
}
