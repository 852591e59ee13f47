using FeatureStore.Online;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;
using FeatureStore.Serving.V1;
using Timestamp = Google.Protobuf.WellKnownTypes.Timestamp;

namespace FeatureStore.Serving.Features;

/// <summary>
/// Lays the store's rows out as the response (one vector per feature, one entry per entity row), deciding each status:
/// no row → NOT_FOUND; row older than the view's TTL at request time → OUTSIDE_MAX_AGE (value withheld, timestamp kept);
/// stored null → NULL_VALUE; else PRESENT. Counts statuses and value ages per view as it goes.
/// </summary>
internal static class ResponseBuilder
{
    // Shared, never mutated: protobuf repeated fields may hold the same instance many times.
    private static readonly Value NoValue = new();
    private static readonly Timestamp NoTimestamp = new();

    public static GetOnlineFeaturesResponse Build(ReadPlan plan, OnlineReadResult result, int rowCount, long nowTicks, bool fullFeatureNames)
    {
        var names = new FeatureList();
        names.Val.AddRange(fullFeatureNames ? plan.FullNames : plan.ShortNames);
        var response = new GetOnlineFeaturesResponse { Metadata = new GetOnlineFeaturesResponseMetadata { FeatureNames = names } };
        var vectors = new FeatureVector[plan.FeatureCount];
        for (var i = 0; i < vectors.Length; i++)
        {
            var vector = new FeatureVector();
            vector.Values.Capacity = rowCount;
            vector.Statuses.Capacity = rowCount;
            vector.EventTimestamps.Capacity = rowCount;
            vectors[i] = vector;
            response.Results.Add(vector);
        }

        for (var v = 0; v < plan.Views.Count; v++)
        {
            FillView(plan.Views[v], result.Requests[v].Rows, vectors, rowCount, nowTicks);
        }

        return response;
    }

    private static void FillView(ViewRead read, IReadOnlyList<OnlineEntityRow> rows, FeatureVector[] vectors, int rowCount, long nowTicks)
    {
        int present = 0, nulls = 0, missing = 0, stale = 0;
        var featureCount = read.FeatureNames.Length;
        for (var r = 0; r < rowCount; r++)
        {
            var row = rows[r];
            if (!row.Found)
            {
                for (var f = 0; f < featureCount; f++)
                {
                    Append(vectors[read.OutputSlots[f]], NoValue, FieldStatus.NotFound, NoTimestamp);
                }

                missing += featureCount;
                continue;
            }

            var eventTicks = row.EventTimestamp.UtcTicks;
            var ageTicks = nowTicks - eventTicks;
            read.Metrics.ServedValueAge.Observe((double)ageTicks / TimeSpan.TicksPerSecond);
            var timestamp = ValueConverter.ToTimestamp(eventTicks);
            var expired = read.TtlTicks > 0 && ageTicks > read.TtlTicks;
            for (var f = 0; f < featureCount; f++)
            {
                var vector = vectors[read.OutputSlots[f]];
                var value = row.Values[f];
                if (value is null)
                {
                    Append(vector, NoValue, FieldStatus.NotFound, NoTimestamp);
                    missing++;
                }
                else if (expired)
                {
                    Append(vector, NoValue, FieldStatus.OutsideMaxAge, timestamp);
                    stale++;
                }
                else if (value.Value.IsNull)
                {
                    Append(vector, NoValue, FieldStatus.NullValue, timestamp);
                    nulls++;
                }
                else
                {
                    Append(vector, ValueConverter.ToWire(value.Value), FieldStatus.Present, timestamp);
                    present++;
                }
            }
        }

        var metrics = read.Metrics;
        if (present > 0) metrics.CountStatus(ServedStatus.Present, present);
        if (nulls > 0) metrics.CountStatus(ServedStatus.NullValue, nulls);
        if (missing > 0) metrics.CountStatus(ServedStatus.NotFound, missing);
        if (stale > 0) metrics.CountStatus(ServedStatus.OutsideMaxAge, stale);
    }

    private static void Append(FeatureVector vector, Value value, FieldStatus status, Timestamp timestamp)
    {
        vector.Values.Add(value);
        vector.Statuses.Add(status);
        vector.EventTimestamps.Add(timestamp);
    }
}
