namespace FeatureStore.Streaming;

/// <summary>
/// One record of a data source before validation: source column name (the names of the source's Parquet history,
/// before the source's field_mapping) → value. Values may be null, string (parsed invariantly by the column's type),
/// long, int, double, float, bool, byte[], DateTimeOffset, DateTime (UTC), float[] or double[].
/// <see cref="BrokerTimestamp"/> is the Kafka message timestamp when there is one.
/// </summary>
public sealed record DecodedRecord(
    RecordPosition Position,
    IReadOnlyDictionary<string, object?> Columns,
    DateTimeOffset? BrokerTimestamp = null);
