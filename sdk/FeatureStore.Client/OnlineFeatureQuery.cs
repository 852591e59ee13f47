using FeatureStore.Serving.V1;
using Google.Protobuf;

namespace FeatureStore.Client;

/// <summary>
/// What to ask the feature server: a feature service or "view:feature" references, and entity rows as columns
/// (one list of values per join key, all the same length). Immutable; each With* returns a new query.
/// </summary>
public sealed class OnlineFeatureQuery
{
    private readonly string? featureService;
    private readonly IReadOnlyList<string> features;
    private readonly IReadOnlyList<(string Column, IReadOnlyList<object> Values)> entities;

    private OnlineFeatureQuery(string? featureService, IReadOnlyList<string> features, IReadOnlyList<(string, IReadOnlyList<object>)> entities, bool fullFeatureNames)
    {
        this.featureService = featureService;
        this.features = features;
        this.entities = entities;
        FullFeatureNames = fullFeatureNames;
    }

    public bool FullFeatureNames { get; }

    public static OnlineFeatureQuery ForFeatureService(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return new OnlineFeatureQuery(name, [], [], false);
    }

    /// <param name="references">"view:feature" references.</param>
    public static OnlineFeatureQuery ForFeatures(params string[] references)
    {
        ArgumentNullException.ThrowIfNull(references);
        return new OnlineFeatureQuery(null, [.. references], [], false);
    }

    /// <summary>Adds a join-key column; values are long, int, string or byte[] (one per entity row).</summary>
    public OnlineFeatureQuery WithEntities<T>(string joinKey, params T[] values)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(joinKey);
        ArgumentNullException.ThrowIfNull(values);
        return new OnlineFeatureQuery(featureService, features, [.. entities, (joinKey, values.Cast<object>().ToArray())], FullFeatureNames);
    }

    /// <summary>Names features "view__feature" instead of "feature".</summary>
    public OnlineFeatureQuery WithFullFeatureNames(bool full = true) => new(featureService, features, entities, full);

    public GetOnlineFeaturesRequest ToRequest()
    {
        var request = new GetOnlineFeaturesRequest { FullFeatureNames = FullFeatureNames };
        if (featureService is not null)
        {
            request.FeatureService = featureService;
        }
        else
        {
            request.Features = new FeatureList();
            request.Features.Val.AddRange(features);
        }

        foreach (var (column, values) in entities)
        {
            var wire = new RepeatedValue();
            foreach (var value in values)
            {
                wire.Val.Add(ToWire(value, column));
            }

            request.Entities[column] = wire;
        }

        return request;
    }

    private static Value ToWire(object value, string column) => value switch
    {
        long l => new Value { Int64Val = l },
        int i => new Value { Int32Val = i },
        string s => new Value { StringVal = s },
        byte[] b => new Value { BytesVal = ByteString.CopyFrom(b) },
        _ => throw new ArgumentException($"entity column '{column}': {value.GetType().Name} is not a join-key type (use long, int, string or byte[])", nameof(value)),
    };
}
