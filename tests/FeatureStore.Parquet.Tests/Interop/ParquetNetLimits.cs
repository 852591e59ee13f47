namespace FeatureStore.Parquet.Tests.Interop;

/// <summary>
/// What Parquet.Net 6.1.0 cannot read among the C# writer's files (see the Interop README). The main comparison leaves
/// these columns out and a separate test pins the failure, so a Parquet.Net that lifts a limit shows up as a failing pin.
/// </summary>
internal static class ParquetNetLimits
{
    /// <summary>It throws NotImplementedException on a repeated (LIST) column stored in DATA_PAGE_V2 pages.</summary>
    public static IReadOnlyList<string> UnreadableColumns(string configuration, ParquetSchema schema) =>
        WrittenFilesFixture.Options(configuration).DataPageVersion == 2
            ? schema.Fields.Where(f => f.Type.Kind == ParquetTypeKind.List).Select(f => f.Name).ToArray()
            : [];
}
