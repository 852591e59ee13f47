namespace FeatureStore.Online.Sqlite;

/// <summary>The tables of the embedded online store (created on first open).</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS online_rows (
            project TEXT NOT NULL,
            view TEXT NOT NULL,
            version INTEGER NOT NULL,
            entity_key BLOB NOT NULL,
            event_ticks INTEGER NOT NULL,
            expires_ticks INTEGER,
            row BLOB NOT NULL,
            PRIMARY KEY (project, view, version, entity_key)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS online_schemas (
            project TEXT NOT NULL,
            view TEXT NOT NULL,
            version INTEGER NOT NULL,
            schema_id INTEGER NOT NULL,
            names BLOB NOT NULL,
            PRIMARY KEY (project, view, version, schema_id)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS online_newest (
            project TEXT NOT NULL,
            view TEXT NOT NULL,
            version INTEGER NOT NULL,
            event_ticks INTEGER NOT NULL,
            PRIMARY KEY (project, view, version)
        ) WITHOUT ROWID;
        """;

    // The event-time guard: an equal or newer event time replaces the row, an older one leaves it (changes() = 0).
    public const string Upsert = """
        INSERT INTO online_rows (project, view, version, entity_key, event_ticks, expires_ticks, row)
        VALUES ($project, $view, $version, $key, $ticks, $expires, $row)
        ON CONFLICT (project, view, version, entity_key) DO UPDATE
        SET event_ticks = excluded.event_ticks, expires_ticks = excluded.expires_ticks, row = excluded.row
        WHERE excluded.event_ticks >= online_rows.event_ticks
        """;

    public const string ClaimSchema = """
        INSERT INTO online_schemas (project, view, version, schema_id, names) VALUES ($project, $view, $version, $id, $names)
        ON CONFLICT DO NOTHING;
        SELECT names FROM online_schemas WHERE project = $project AND view = $view AND version = $version AND schema_id = $id
        """;

    public const string RaiseNewest = """
        INSERT INTO online_newest (project, view, version, event_ticks) VALUES ($project, $view, $version, $ticks)
        ON CONFLICT (project, view, version) DO UPDATE SET event_ticks = excluded.event_ticks
        WHERE excluded.event_ticks > online_newest.event_ticks
        """;

    public const string SelectRow = """
        SELECT row FROM online_rows WHERE project = $project AND view = $view AND version = $version AND entity_key = $key
        """;

    public const string SelectSchemas = """
        SELECT schema_id, names FROM online_schemas WHERE project = $project AND view = $view AND version = $version
        """;

    public const string DeleteView = """
        DELETE FROM online_rows WHERE project = $project AND view = $view AND version = $version;
        DELETE FROM online_newest WHERE project = $project AND view = $view AND version = $version
        """;

    public const string DeleteEntity = """
        DELETE FROM online_rows WHERE project = $project AND view = $view AND version = $version AND entity_key = $key
        """;

    public const string SelectNewest = "SELECT view, version, event_ticks FROM online_newest WHERE project = $project";
}
