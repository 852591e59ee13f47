namespace FeatureStore.Registry.Storage;

/// <summary>Base of every registry store failure; <see cref="Exception.Message"/> is one line a user can act on.</summary>
public class RegistryStoreException : Exception
{
    public RegistryStoreException(string message, Exception? inner = null) : base(message, inner) { }
}

/// <summary>Another apply landed between this process's read and its commit. Re-plan and apply again.</summary>
public sealed class RegistryConflictException : RegistryStoreException
{
    public RegistryConflictException(string project, long expectedRevision, long actualRevision)
        : base($"registry conflict: project '{project}' moved from revision {expectedRevision} to {actualRevision} while this apply was being prepared; run plan again and re-apply")
    {
        Project = project;
        ExpectedRevision = expectedRevision;
        ActualRevision = actualRevision;
    }

    public string Project { get; }
    public long ExpectedRevision { get; }
    public long ActualRevision { get; }
}

/// <summary>The store cannot be reached or opened (PostgreSQL down, SQLite file unreadable).</summary>
public sealed class RegistryUnavailableException : RegistryStoreException
{
    public RegistryUnavailableException(string message, Exception? inner = null) : base(message, inner) { }
}
