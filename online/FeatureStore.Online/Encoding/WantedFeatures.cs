namespace FeatureStore.Online.Encoding;

/// <summary>
/// The feature names one read request wants, and where each sits in the schema its rows were last read with. Rows of
/// one request nearly always share a schema, so the mapping is worked out once per request and schema, not per row; and
/// nothing is kept across requests, whose name lists are often new objects every time.
/// </summary>
internal sealed class WantedFeatures(IReadOnlyList<string> names)
{
    private RowSchema? schema;
    private int[] targets = [];

    public int Count => names.Count;

    /// <summary>See <see cref="RowSchema.TargetsOf"/>.</summary>
    public int[] TargetsIn(RowSchema rowSchema)
    {
        if (!ReferenceEquals(rowSchema, schema))
        {
            targets = rowSchema.TargetsOf(names);
            schema = rowSchema;
        }
        return targets;
    }
}
