namespace FeatureStore.Offline;

/// <summary>Refuses output columns that would clash: two features with one name, or a feature named like a spine column.</summary>
internal static class OutputNames
{
    public static void Check(IReadOnlyList<ResolvedView> views, IReadOnlyList<string> spineColumns, bool statusColumns)
    {
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var column in spineColumns)
        {
            owners[column] = "the spine";
        }

        foreach (var view in views)
        {
            foreach (var feature in view.Features)
            {
                Claim(owners, feature.OutputName, feature.Reference);
                if (statusColumns)
                {
                    Claim(owners, feature.StatusName, feature.Reference);
                }
            }
        }
    }

    private static void Claim(Dictionary<string, string> owners, string column, string reference)
    {
        if (owners.TryGetValue(column, out var owner))
        {
            throw new TrainingSetException(
                $"output column '{column}' of '{reference}' collides with {(owner == "the spine" ? "a spine column" : $"'{owner}'")}: use --full-feature-names (or rename the spine column)");
        }

        owners[column] = reference;
    }
}
