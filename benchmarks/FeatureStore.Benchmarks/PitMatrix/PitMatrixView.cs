using System.Globalization;
using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>One feature of a pit-matrix view: its name (unique across views), declared type and Parquet type.</summary>
internal sealed record PitMatrixFeature(string Name, FeatureType Type, ParquetType ParquetType);

/// <summary>
/// View <paramref name="Index"/> of a pit-matrix cell: five features (float32, float64 with 5% nulls, int64, string, bool).
/// Views with created timestamps have event times on whole hours, so several rows of a key share an event time and the
/// created timestamp decides (created = event + up to 10 minutes, distinct); views without them have random microsecond
/// event times, so no two rows of a key tie.
/// </summary>
internal sealed record PitMatrixView(int Index, bool HasCreated, TimeSpan? Ttl)
{
    public const string JoinKey = "entity_id";
    public const string EventColumn = "event_ts";
    public const string CreatedColumn = "created_ts";

    public string Name => string.Create(CultureInfo.InvariantCulture, $"view_{Index}");

    public string SourceName => string.Create(CultureInfo.InvariantCulture, $"source_{Index}");

    public string FileName => string.Create(CultureInfo.InvariantCulture, $"view_{Index}.parquet");

    public IReadOnlyList<PitMatrixFeature> Features =>
    [
        new(Feature("rate"), FeatureType.Float32, ParquetType.Float),
        new(Feature("score"), FeatureType.Float64, ParquetType.Double),
        new(Feature("count"), FeatureType.Int64, ParquetType.Int64),
        new(Feature("city"), FeatureType.String, ParquetType.String),
        new(Feature("active"), FeatureType.Bool, ParquetType.Boolean),
    ];

    /// <summary>With created timestamps and TTL on, even views have created timestamps and a TTL (30 days for view 0, 7 days for the others); odd views have neither.</summary>
    public static IReadOnlyList<PitMatrixView> Of(PitMatrixCell cell) =>
        [.. Enumerable.Range(0, cell.Views).Select(i => cell.CreatedAndTtl && i % 2 == 0
            ? new PitMatrixView(i, HasCreated: true, TimeSpan.FromDays(i == 0 ? 30 : 7))
            : new PitMatrixView(i, HasCreated: false, Ttl: null))];

    private string Feature(string name) => string.Create(CultureInfo.InvariantCulture, $"v{Index}_{name}");
}
