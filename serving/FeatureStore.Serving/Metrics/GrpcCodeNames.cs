using Grpc.Core;

namespace FeatureStore.Serving.Metrics;

/// <summary>gRPC status codes by their names in the gRPC spec (OK, INVALID_ARGUMENT, ...), the values of the code label.</summary>
public static class GrpcCodeNames
{
    /// <summary>Codes 0..16 are defined by the spec.</summary>
    public const int Count = 17;

    private static readonly string[] Names =
    [
        "OK", "CANCELLED", "UNKNOWN", "INVALID_ARGUMENT", "DEADLINE_EXCEEDED", "NOT_FOUND", "ALREADY_EXISTS", "PERMISSION_DENIED",
        "RESOURCE_EXHAUSTED", "FAILED_PRECONDITION", "ABORTED", "OUT_OF_RANGE", "UNIMPLEMENTED", "INTERNAL", "UNAVAILABLE", "DATA_LOSS",
        "UNAUTHENTICATED",
    ];

    public static string Name(StatusCode code) => (uint)code < Count ? Names[(int)code] : "UNKNOWN";
}
