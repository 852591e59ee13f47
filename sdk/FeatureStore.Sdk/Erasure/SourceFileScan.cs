using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// One Parquet file of an affected source as scanned: its rows, the rows holding an erased value, whether the whole file
/// holds it (a hive folder named by the value), and per affected view the online keys of those rows.
/// </summary>
internal sealed record SourceFileScan(
    DatasetFile File,
    ScopedSource Source,
    long Rows,
    long Matched,
    bool WholeFile,
    IReadOnlyDictionary<ScopedView, HashSet<EntityKey>> Keys);
