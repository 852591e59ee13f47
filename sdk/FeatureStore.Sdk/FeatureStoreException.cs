namespace FeatureStore.Sdk;

/// <summary>
/// The one exception family of <see cref="FeatureStoreSession"/>: a problem the caller can fix (definitions, a refused
/// apply, a bad spine, an unreachable store). <see cref="Exception.Message"/> is one line naming the file, object, column
/// or store at fault, and where there is a way forward it names the C# option to use (<see cref="Hint"/>).
/// <see cref="Code"/> says what went wrong; <see cref="Problems"/> lists every problem when there are several.
/// Cancellation is not an error: it throws <see cref="OperationCanceledException"/>.
/// </summary>
public class FeatureStoreException : Exception
{
    public FeatureStoreException(FeatureStoreErrorCode code, string message, Exception? innerException = null, IReadOnlyList<FeatureStoreProblem>? problems = null, FeatureStoreHint? hint = null)
        : base(message, innerException)
    {
        Code = code;
        Problems = problems ?? [];
        Hint = hint;
    }

    public FeatureStoreErrorCode Code { get; }

    /// <summary>Every problem found (definitions report all at once); empty when the message says it all.</summary>
    public IReadOnlyList<FeatureStoreProblem> Problems { get; }

    /// <summary>The way forward the message ends with, if any; its C# wording is <see cref="FeatureStoreHints.Text"/>.</summary>
    public FeatureStoreHint? Hint { get; }
}
