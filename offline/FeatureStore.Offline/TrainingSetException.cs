namespace FeatureStore.Offline;

/// <summary>A training set request the user must fix (bad spine, unknown reference, unreadable source). The message is one line naming the culprit.</summary>
public sealed class TrainingSetException : Exception
{
    public TrainingSetException(string message)
        : base(message)
    {
    }

    public TrainingSetException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrainingSetException()
        : base("training set request failed")
    {
    }
}
