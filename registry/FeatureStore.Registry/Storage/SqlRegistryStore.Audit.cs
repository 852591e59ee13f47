using System.Data.Common;
using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Storage;

/// <summary>The append-only audit log: one table, appended to by applies, access changes, PII reads and erasures.</summary>
public abstract partial class SqlRegistryStore
{
    private protected string Audit { get; }

    /// <summary>The dialect's auto-increment primary key column for the audit log.</summary>
    private protected abstract string AuditIdColumn { get; }

    public async Task AppendAuditAsync(string project, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
            return;
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        await using var transaction = await BeginWriteAsync(connection, cancellationToken);
        await AppendAuditAsync(connection, transaction, project, entries, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<AuditRecord>> QueryAuditAsync(string project, AuditQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        var sql = $"SELECT id, at, actor, action, subject, detail, count FROM {Audit} WHERE project = @p";
        var parameters = new List<(string, object?)> { ("p", project) };
        if (query.Actor is { } actor)
        {
            sql += " AND actor = @a";
            parameters.Add(("a", actor));
        }

        // LIKE narrows the read (a superset: SQLite's LIKE ignores ASCII case); SubjectMatches decides.
        if (query.Subject is { } subject)
        {
            sql += " AND subject LIKE @s ESCAPE '\\'";
            parameters.Add(("s", "%" + EscapeLike(subject) + "%"));
        }

        if (query.Since is { } since)
        {
            sql += " AND at >= @since";
            parameters.Add(("since", since.ToUniversalTime()));
        }

        var records = new List<AuditRecord>();
        var limit = Math.Max(0, query.Limit);
        sql += " ORDER BY id DESC";
        // Without a subject every row the database returns is kept, so the database can stop at the limit.
        if (query.Subject is null)
        {
            sql += " LIMIT @limit";
            parameters.Add(("limit", limit));
        }

        await using var command = connection.Command(null, sql, [.. parameters]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (records.Count < limit && await reader.ReadAsync(cancellationToken))
        {
            var entry = new AuditEntry(
                reader.GetFieldValue<DateTimeOffset>(1).ToUniversalTime(), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.GetInt64(6));
            if (query.Subject is null || SubjectMatches(entry.Subject, query.Subject))
                records.Add(new AuditRecord(reader.GetInt64(0), entry));
        }

        return records;
    }

    /// <summary>
    /// A subject is one item or a comma-separated list ("view:a,view:b"); an item matches when it equals
    /// <paramref name="wanted"/> or is "view:wanted".
    /// </summary>
    private static bool SubjectMatches(string subject, string wanted)
    {
        foreach (var item in subject.Split(','))
        {
            var trimmed = item.Trim();
            if (trimmed == wanted || (trimmed.EndsWith(wanted, StringComparison.Ordinal) && trimmed.Length > wanted.Length && trimmed[^(wanted.Length + 1)] == ':'))
                return true;
        }

        return false;
    }

    /// <summary>Makes LIKE's wildcards and its escape character match themselves.</summary>
    private static string EscapeLike(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public async Task<long> PurgeAuditAsync(string project, DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await InitializeAsync(cancellationToken);
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteAsync(null, $"DELETE FROM {Audit} WHERE project = @p AND at < @before", cancellationToken,
            ("p", project), ("before", before.ToUniversalTime()));
    }

    private async Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, string project, IReadOnlyList<AuditEntry> entries, CancellationToken ct)
    {
        foreach (var entry in entries)
        {
            await connection.ExecuteAsync(transaction,
                $"INSERT INTO {Audit} (project, at, actor, action, subject, detail, count) VALUES (@p, @t, @a, @x, @s, @d, @c)", ct,
                ("p", project), ("t", entry.At.ToUniversalTime()), ("a", entry.Actor), ("x", entry.Action), ("s", entry.Subject),
                ("d", entry.Detail), ("c", entry.Count));
        }
    }

    /// <summary>The audit line of one registry change: apply for definitions, access for keys and grants.</summary>
    private static AuditEntry AuditOf(ChangeRecord change, string actor, DateTimeOffset at) => new(
        at,
        actor,
        change.Kind is ObjectKind.AccessKey or ObjectKind.Grant ? AuditActions.Access : AuditActions.Apply,
        $"{change.Kind.Label()} '{change.Name}'",
        $"{StoredNames.Of(change.Change)} (version {change.Version}): {change.Summary}");

    private IEnumerable<string> AuditSchemaStatements(string timestampType) =>
    [
        $"CREATE TABLE IF NOT EXISTS {Audit} ({AuditIdColumn}, project TEXT NOT NULL, at {timestampType} NOT NULL, actor TEXT NOT NULL, " +
            "action TEXT NOT NULL, subject TEXT NOT NULL, detail TEXT NOT NULL, count BIGINT NOT NULL)",
        $"CREATE INDEX IF NOT EXISTS {Audit.Replace('.', '_')}_by_time ON {Audit} (project, at)",
    ];
}
