namespace FeatureStore.Registry.Storage;

/// <summary>
/// One line of the append-only audit log. <see cref="Actor"/> is who acted (the applying user, a principal);
/// <see cref="Subject"/> what it acted on ("feature view 'x'", a grant's name, "view:feature" for a PII read);
/// <see cref="Count"/> the rows or reads it stands for (an aggregated minute of online reads, an export's row count).
/// </summary>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Action, string Subject, string Detail = "", long Count = 1);

/// <summary>A stored audit line with its position in the log (ascending in append order).</summary>
public sealed record AuditRecord(long Id, AuditEntry Entry);

/// <summary>
/// Filters of an audit read: by actor, by subject (an item of a comma-separated subject; "view:feature" also matches
/// the bare feature name), from a time on; newest first, at most <see cref="Limit"/>.
/// </summary>
public sealed record AuditQuery(string? Actor = null, string? Subject = null, DateTimeOffset? Since = null, int Limit = 1000);

/// <summary>The actions the platform records.</summary>
public static class AuditActions
{
    /// <summary>A definition object added, changed or removed by apply.</summary>
    public const string Apply = "apply";

    /// <summary>An access key or grant created, changed or revoked.</summary>
    public const string Access = "access";

    /// <summary>Personal or sensitive features served online: one line per principal, feature and minute.</summary>
    public const string OnlineRead = "online_read";

    /// <summary>A training set with personal or sensitive features exported: one line per export.</summary>
    public const string OfflineExport = "offline_export";

    /// <summary>An entity erased from the online store and the offline history.</summary>
    public const string Erase = "erase";
}
