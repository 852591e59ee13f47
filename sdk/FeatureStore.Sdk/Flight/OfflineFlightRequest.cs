using System.Text.Json;
using FeatureStore.Sdk.Offline;

namespace FeatureStore.Sdk.Flight;

/// <summary>
/// What a training set over Arrow Flight is built from: the switches of <c>featurestore get-historical-features</c>, sent as
/// the JSON command of the Flight descriptor (<see cref="ToJson"/>; field names in docs/arrow.md, "Arrow Flight").
/// Give either <see cref="Features"/> or <see cref="FeatureService"/>.
/// </summary>
public sealed record OfflineFlightRequest
{
    /// <summary>Feature references <c>view:feature</c> (or <c>view:*</c>); JSON <c>features</c>.</summary>
    public IReadOnlyList<string> Features { get; init; } = [];

    /// <summary>A registered feature service; JSON <c>feature_service</c>.</summary>
    public string? FeatureService { get; init; }

    /// <summary>Name feature columns <c>view__feature</c>; JSON <c>full_feature_names</c>.</summary>
    public bool FullFeatureNames { get; init; }

    /// <summary>"As known at": ignore rows created after the spine timestamp; JSON <c>as_of_created</c>.</summary>
    public bool AsOfCreated { get; init; }

    /// <summary>Add a <c>&lt;feature&gt;__status</c> column per feature; JSON <c>status_columns</c>.</summary>
    public bool StatusColumns { get; init; }

    /// <summary>The spine's timestamp column; JSON <c>timestamp_column</c>.</summary>
    public string TimestampColumn { get; init; } = Spine.DefaultTimestampColumn;

    /// <summary>
    /// A spine file the server reads (.parquet or .csv; relative to the server's feature repo), for GetFlightInfo;
    /// JSON <c>spine_path</c>. Null when the spine is uploaded with DoPut.
    /// </summary>
    public string? SpinePath { get; init; }

    /// <summary>Why the training set is exported (required for personal or sensitive features); JSON <c>purpose</c>.</summary>
    public string? Purpose { get; init; }

    /// <summary>Personal and sensitive values as keyed hashes (the server's <c>FEATURESTORE_MASK_KEY</c>); JSON <c>mask</c>.</summary>
    public bool Mask { get; init; }

    public static OfflineFlightRequest ForFeatureService(string featureService)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(featureService);
        return new OfflineFlightRequest { FeatureService = featureService };
    }

    public static OfflineFlightRequest ForFeatures(params IReadOnlyList<string> features)
    {
        ArgumentNullException.ThrowIfNull(features);
        return new OfflineFlightRequest { Features = features };
    }

    /// <summary>The request as the UTF-8 JSON command of a Flight descriptor.</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            if (FeatureService is not null)
            {
                json.WriteString(OfflineFlightRequestJson.FeatureService, FeatureService);
            }
            else
            {
                json.WriteStartArray(OfflineFlightRequestJson.Features);
                foreach (var feature in Features)
                {
                    json.WriteStringValue(feature);
                }

                json.WriteEndArray();
            }

            json.WriteBoolean(OfflineFlightRequestJson.FullFeatureNames, FullFeatureNames);
            json.WriteBoolean(OfflineFlightRequestJson.AsOfCreated, AsOfCreated);
            json.WriteBoolean(OfflineFlightRequestJson.StatusColumns, StatusColumns);
            json.WriteString(OfflineFlightRequestJson.TimestampColumn, TimestampColumn);
            if (SpinePath is not null)
            {
                json.WriteString(OfflineFlightRequestJson.SpinePath, SpinePath);
            }

            if (Purpose is not null)
            {
                json.WriteString(OfflineFlightRequestJson.Purpose, Purpose);
            }

            if (Mask)
            {
                json.WriteBoolean(OfflineFlightRequestJson.Mask, Mask);
            }

            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>Reads a request sent as JSON (see <see cref="ToJson"/>); unknown fields are refused so a misspelt one is not ignored.</summary>
    /// <exception cref="FormatException">Not JSON, an unknown field, a field of the wrong type, or neither or both of
    /// <c>features</c> and <c>feature_service</c>; the message names the field.</exception>
    public static OfflineFlightRequest FromJson(ReadOnlySpan<byte> json) => OfflineFlightRequestJson.Parse(json);

    /// <summary>The request's switches as the session's options (the API key comes from the call, never from the server's environment).</summary>
    public HistoricalFeatureOptions ToOptions() => new()
    {
        FullFeatureNames = FullFeatureNames,
        AsOfCreated = AsOfCreated,
        StatusColumns = StatusColumns,
        Purpose = Purpose,
        Mask = Mask,
        ApiKeyFromEnvironment = false,
    };
}
