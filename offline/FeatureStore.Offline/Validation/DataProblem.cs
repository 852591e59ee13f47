namespace FeatureStore.Offline.Validation;

/// <summary>
/// One way a source's data disagrees with the definitions: where (<c>data source 'x', file 'data/a.parquet', column 'ts'</c>)
/// and what (naming the file, the column, the type found and the type declared).
/// </summary>
public sealed record DataProblem(DataProblemSeverity Severity, string Location, string Message)
{
    public override string ToString() => $"{Location}: {Message}";
}
