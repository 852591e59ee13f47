using System.Globalization;
using FeatureStore.Serving.V1;

namespace FeatureStore.Client;

/// <summary>Text for <see cref="FieldStatus"/> in the words of training-set status columns, manifests and the proto.</summary>
public static class FieldStatuses
{
    /// <summary>
    /// PRESENT, NULL_VALUE, MISSING or OUTSIDE_TTL (the proto name without its <c>FIELD_STATUS_</c> prefix);
    /// INVALID for the proto's zero value, and the number itself for a value this client does not know.
    /// </summary>
    public static string Name(this FieldStatus status) => status switch
    {
        FieldStatus.Present => "PRESENT",
        FieldStatus.NullValue => "NULL_VALUE",
        FieldStatus.Missing => "MISSING",
        FieldStatus.OutsideTtl => "OUTSIDE_TTL",
        FieldStatus.Invalid => "INVALID",
        _ => ((int)status).ToString(CultureInfo.InvariantCulture),
    };
}
