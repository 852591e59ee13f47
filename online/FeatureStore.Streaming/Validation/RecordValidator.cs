using FeatureStore.Online;
using FeatureStore.Streaming.Resolution;

namespace FeatureStore.Streaming.Validation;

/// <summary>
/// Checks records of one source against its plan: the event time, then per selected view version its join keys (present, non-null,
/// of the key type), its features (convertible to their declared types) and its quality rules, then every other column
/// appended offline. The first failure rejects the whole record, with a reason naming the view and field.
/// </summary>
internal sealed class RecordValidator
{
    private readonly SourcePlan plan;
    private readonly Dictionary<string, int> offlineIndex;
    private readonly int eventIndex;

    public RecordValidator(SourcePlan plan)
    {
        this.plan = plan;
        offlineIndex = plan.OfflineColumns.Select((c, i) => (c.Name, i)).ToDictionary(p => p.Name, p => p.i, StringComparer.Ordinal);
        eventIndex = offlineIndex[plan.EventColumn];
    }

    /// <summary>Validates every record; accepted ones keep their input order.</summary>
    public (List<ValidatedRecord> Accepted, List<RejectedRecord> Rejected) Validate(IReadOnlyList<DecodedRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        var accepted = new List<ValidatedRecord>(records.Count);
        var rejected = new List<RejectedRecord>();
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record);
            var (valid, rejection) = ValidateOne(record);
            if (valid is not null)
                accepted.Add(valid);
            else
                rejected.Add(rejection!);
        }

        return (accepted, rejected);
    }

    private (ValidatedRecord?, RejectedRecord?) ValidateOne(DecodedRecord record)
    {
        var columns = record.Columns ?? throw new ArgumentException($"record {record.Position} has no columns", nameof(record));
        RejectedRecord Reject(string? view, string reason) => new(record.Position, view, view is null ? reason : $"view {view}: {reason}");

        if (!columns.TryGetValue(plan.EventColumn, out var rawTime) || rawTime is null)
            return (null, Reject(null, $"missing event time field {plan.EventColumn}"));
        if (!EventTimes.TryConvert(rawTime, out var eventTime))
            return (null, Reject(null, $"field {plan.EventColumn}: expected {EventTimes.Accepted}, got {ValueConverter.Describe(rawTime)}"));

        var values = new FeatureValue[plan.OfflineColumns.Count];
        var converted = new bool[values.Length];
        values[eventIndex] = FeatureValue.FromTimestamp(eventTime);
        converted[eventIndex] = true;

        string? Convert(SourceColumn column, out FeatureValue value)
        {
            var index = offlineIndex[column.Name];
            value = default;
            if (plan.OfflineColumns[index].Type != column.Type)
            {
                // A retained version declaring another type than the appended column: its own conversion, not shared.
                columns.TryGetValue(column.Name, out var own);
                return ValueConverter.TryConvert(own, column.Type, out value, out var ownError) ? null : ownError;
            }

            if (!converted[index])
            {
                columns.TryGetValue(column.Name, out var raw);
                if (!ValueConverter.TryConvert(raw, column.Type, out values[index], out var error))
                    return error;
                converted[index] = true;
            }

            value = values[index];
            return null;
        }

        var rows = new OnlineRow[plan.Views.Count];
        for (var v = 0; v < plan.Views.Count; v++)
        {
            var view = plan.Views[v];
            var keyParts = new List<FeatureValue>(view.Keys.Count);
            foreach (var key in view.Keys)
            {
                var column = key.Column == key.Name ? "" : $" (column {key.Column})";
                if (!columns.TryGetValue(key.Column, out var raw) || raw is null)
                    return (null, Reject(view.Name, $"missing join key {key.Name}{column}"));
                if (!ValueConverter.TryConvert(raw, key.Type, out var part, out var error))
                    return (null, Reject(view.Name, $"join key {key.Name}{column}: {error}"));
                keyParts.Add(part);
            }

            var featureValues = new FeatureValue[view.Features.Count];
            for (var f = 0; f < featureValues.Length; f++)
            {
                if (Convert(view.Features[f], out featureValues[f]) is { } error)
                    return (null, Reject(view.Name, $"field {view.Features[f].Name}: {error}"));
            }

            if (view.Quality.Check(featureValues) is { } broken)
                return (null, Reject(view.Name, broken));
            rows[v] = new OnlineRow(EntityKey.Of([.. keyParts]), featureValues, eventTime);
        }

        for (var c = 0; c < values.Length; c++)
        {
            var column = plan.OfflineColumns[c];
            if (converted[c] || column.Role == ColumnRole.CreatedTime)
                continue;
            if (Convert(column, out _) is { } error)
                return (null, Reject(column.DeclaredBy, $"field {column.Name}: {error}"));
        }

        return (new ValidatedRecord(record, eventTime, values, rows), null);
    }
}
