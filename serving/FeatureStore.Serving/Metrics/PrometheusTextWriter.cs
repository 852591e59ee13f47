using System.Globalization;
using System.Text;
using FeatureStore.Protos.Wire;

namespace FeatureStore.Serving.Metrics;

/// <summary>Renders <see cref="ServingMetrics"/> in the Prometheus text exposition format (version 0.0.4).</summary>
public static class PrometheusTextWriter
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static string Render(ServingMetrics metrics, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var text = new StringBuilder(8192);

        Header(text, "featurestore_grpc_request_duration_seconds", "histogram", "gRPC call latency on the server, by method and status code.");
        for (var m = 0; m < metrics.Methods.Count; m++)
        {
            for (var c = 0; c <= (int)GrpcStatusCode.Unauthenticated; c++)
            {
                var code = (GrpcStatusCode)c;
                var histogram = metrics.Latency(m, code);
                if (histogram.Read().Cumulative[^1] > 0)
                {
                    WriteHistogram(text, "featurestore_grpc_request_duration_seconds", $"method=\"{metrics.Methods[m]}\",code=\"{CodeName(code)}\"", histogram);
                }
            }
        }

        Header(text, "featurestore_grpc_errors_total", "counter", "gRPC calls that ended with a non-OK status, by method and code.");
        for (var m = 0; m < metrics.Methods.Count; m++)
        {
            for (var c = 1; c <= (int)GrpcStatusCode.Unauthenticated; c++)
            {
                var count = metrics.Errors(m, (GrpcStatusCode)c);
                if (count > 0)
                {
                    Sample(text, "featurestore_grpc_errors_total", $"method=\"{metrics.Methods[m]}\",code=\"{CodeName((GrpcStatusCode)c)}\"", count);
                }
            }
        }

        Header(text, "featurestore_request_entity_rows", "histogram", "Entity rows per GetOnlineFeatures request.");
        WriteHistogram(text, "featurestore_request_entity_rows", "", metrics.EntityRowsPerRequest);
        Header(text, "featurestore_request_features", "histogram", "Features per GetOnlineFeatures request.");
        WriteHistogram(text, "featurestore_request_features", "", metrics.FeaturesPerRequest);
        Header(text, "featurestore_online_store_read_duration_seconds", "histogram", "Latency of online store reads made by the server.");
        WriteHistogram(text, "featurestore_online_store_read_duration_seconds", "", metrics.OnlineStoreReadLatency);

        var views = metrics.Views.OrderBy(v => v.View, StringComparer.Ordinal).ToList();
        Header(text, "featurestore_served_value_age_seconds", "histogram", "Request time minus event time of served rows, per feature view.");
        foreach (var view in views)
        {
            WriteHistogram(text, "featurestore_served_value_age_seconds", $"view=\"{Escape(view.View)}\"", view.ServedValueAge);
        }

        Header(text, "featurestore_feature_status_total", "counter", "Served feature values by status (hit PRESENT, miss NOT_FOUND, stale OUTSIDE_MAX_AGE), per view.");
        foreach (var view in views)
        {
            for (var s = 0; s < ServedStatuses.Count; s++)
            {
                var status = (ServedStatus)s;
                Sample(text, "featurestore_feature_status_total", $"view=\"{Escape(view.View)}\",status=\"{status.Label()}\"", view.StatusCount(status));
            }
        }

        Header(text, "featurestore_view_freshness_seconds", "gauge", "Now minus the newest event timestamp written to the view (data age, not job age).");
        foreach (var view in views)
        {
            if (view.NewestEventTimestamp is { } newest)
            {
                Sample(text, "featurestore_view_freshness_seconds", $"view=\"{Escape(view.View)}\"", (now - newest).TotalSeconds);
            }
        }

        Header(text, "featurestore_registry_revision", "gauge", "Registry revision of the snapshot being served.");
        Sample(text, "featurestore_registry_revision", "", metrics.RegistryRevision);
        Header(text, "featurestore_registry_refresh_failures_total", "counter", "Failed attempts to load a new registry snapshot.");
        Sample(text, "featurestore_registry_refresh_failures_total", "", metrics.RegistryRefreshFailures);
        return text.ToString();
    }

    /// <summary>Status code names as in the gRPC spec (OK, INVALID_ARGUMENT, ...).</summary>
    public static string CodeName(GrpcStatusCode code) => code switch
    {
        GrpcStatusCode.OK => "OK",
        GrpcStatusCode.InvalidArgument => "INVALID_ARGUMENT",
        GrpcStatusCode.DeadlineExceeded => "DEADLINE_EXCEEDED",
        GrpcStatusCode.NotFound => "NOT_FOUND",
        GrpcStatusCode.AlreadyExists => "ALREADY_EXISTS",
        GrpcStatusCode.PermissionDenied => "PERMISSION_DENIED",
        GrpcStatusCode.ResourceExhausted => "RESOURCE_EXHAUSTED",
        GrpcStatusCode.FailedPrecondition => "FAILED_PRECONDITION",
        GrpcStatusCode.OutOfRange => "OUT_OF_RANGE",
        GrpcStatusCode.DataLoss => "DATA_LOSS",
        _ => code.ToString().ToUpperInvariant(),
    };

    private static void Header(StringBuilder text, string name, string type, string help) =>
        text.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');

    private static void WriteHistogram(StringBuilder text, string name, string labels, Histogram histogram)
    {
        var (cumulative, sum) = histogram.Read();
        var prefix = labels.Length == 0 ? "" : labels + ",";
        for (var i = 0; i < histogram.Bounds.Count; i++)
        {
            Sample(text, name + "_bucket", $"{prefix}le=\"{Number(histogram.Bounds[i])}\"", cumulative[i]);
        }

        Sample(text, name + "_bucket", $"{prefix}le=\"+Inf\"", cumulative[^1]);
        Sample(text, name + "_sum", labels, sum);
        Sample(text, name + "_count", labels, cumulative[^1]);
    }

    private static void Sample(StringBuilder text, string name, string labels, double value)
    {
        text.Append(name);
        if (labels.Length > 0)
        {
            text.Append('{').Append(labels).Append('}');
        }

        text.Append(' ').Append(Number(value)).Append('\n');
    }

    private static string Number(double value) => value switch
    {
        double.PositiveInfinity => "+Inf",
        double.NegativeInfinity => "-Inf",
        _ => value.ToString("R", CultureInfo.InvariantCulture),
    };

    private static string Escape(string label) =>
        label.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
