namespace FeatureStore.Materialization;

/// <summary>A materialization that cannot run or finish as asked; the one-line message names the view, range, rule or store at fault.</summary>
public sealed class MaterializationException : Exception
{
    public MaterializationException(string message) : base(message) { }

    public MaterializationException(string message, Exception? inner) : base(message, inner) { }

    public MaterializationException() { }
}
