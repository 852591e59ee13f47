using FeatureStore.Registry.Model;

namespace FeatureStore.Streaming.Push;

/// <summary>
/// Pushes rows of one feature view through a <see cref="StreamIngestor"/>, all or nothing: the view must be online and
/// read a data source with <c>stream: {kind: push}</c>; every row is validated first and one bad row refuses the call.
/// Rows are named by source column (the names of the source's Parquet history): the view's join keys, its features and
/// the source's timestamp_field; the created_timestamp_field, if given, is replaced by the push time. Accepted rows are
/// written online for the named view (through the event-time guard) and appended to the source's Parquet history. A
/// bare view name writes every live version of the view (each with its own features); <c>name@N</c> only version N.
/// Positions are topic <c>push:SOURCE</c>, partition 0 and offsets from one increasing sequence per process.
/// </summary>
public sealed class FeaturePusher
{
    private static long sequence;

    private readonly RegistryDefinitions definitions;
    private readonly StreamIngestor ingestor;

    public FeaturePusher(RegistryDefinitions definitions, StreamIngestor ingestor)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(ingestor);
        this.definitions = definitions;
        this.ingestor = ingestor;
    }

    /// <summary>The topic pushed rows of a data source are positioned on.</summary>
    public static string TopicOf(string dataSource) => "push:" + dataSource;

    /// <summary>
    /// Validates every row, then ingests them. Throws <see cref="PushRefusedException"/> (nothing written) for an unknown
    /// view, a view that takes no pushes, no rows or a bad row; store failures pass through as from
    /// <see cref="StreamIngestor.IngestAsync"/> (retry the same call: online writes are idempotent).
    /// </summary>
    public async Task<IngestResult> PushAsync(string view, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(rows);
        var source = PushSourceOf(view);
        if (rows.Count == 0)
            throw new PushRefusedException(PushRefusal.InvalidRows, view, $"push to feature view '{view}' has no rows");

        var first = Interlocked.Add(ref sequence, rows.Count) - rows.Count;
        var topic = TopicOf(source.Name);
        var records = new DecodedRecord[rows.Count];
        for (var i = 0; i < rows.Count; i++)
            records[i] = new DecodedRecord(new RecordPosition(topic, 0, first + i), rows[i] ?? throw new ArgumentException($"row {i} is null", nameof(rows)));

        var selection = new[] { view };
        var errors = UnknownColumns(source, rows);
        if (errors.Count == 0)
            errors = [.. ingestor.Validate(source.Name, records, selection).Select(r => ToRowError(r, first))];
        if (errors.Count > 0)
            throw Refused(view, errors);

        var result = await ingestor.IngestAsync(source.Name, records, selection, ct).ConfigureAwait(false);
        return result.Rejected.Count == 0 ? result : throw Refused(view, [.. result.Rejected.Select(r => ToRowError(r, first))]);
    }

    private DataSourceDefinition PushSourceOf(string view)
    {
        string name;
        try
        {
            name = LiveViews.Parse(view).Name;
        }
        catch (FormatException e)
        {
            throw new PushRefusedException(PushRefusal.UnknownView, view, e.Message);
        }

        if (definitions.FeatureViews.FirstOrDefault(v => string.Equals(v.Name, name, StringComparison.Ordinal)) is not { } newest)
            throw new PushRefusedException(PushRefusal.UnknownView, view, $"feature view '{name}' is not registered in project '{definitions.Project}'");
        var definition = LiveViews.Find(definitions, view, out var problem)?.Definition
            ?? throw new PushRefusedException(PushRefusal.UnknownView, view, problem);
        if (!newest.Online)
            throw new PushRefusedException(PushRefusal.NotPushable, view, $"feature view '{view}' is offline only (online: false), so it takes no pushes");
        var source = definitions.DataSources.FirstOrDefault(s => string.Equals(s.Name, definition.Source, StringComparison.Ordinal))
            ?? throw new PushRefusedException(PushRefusal.NotPushable, view, $"feature view '{view}' reads data source '{definition.Source}', which is not registered");
        if (source.Stream is not { Kind: StreamKind.Push })
        {
            var kind = source.Stream is null ? "a batch source" : $"a {source.Stream.Kind.ToString().ToLowerInvariant()} stream source";
            throw new PushRefusedException(PushRefusal.NotPushable, view,
                $"feature view '{view}' reads data source '{source.Name}', which is {kind}; only sources with 'stream: {{kind: push}}' take pushes");
        }

        return source;
    }

    /// <summary>A column no view of the source reads is a typo, not data to drop silently.</summary>
    private List<PushRowError> UnknownColumns(DataSourceDefinition source, IReadOnlyList<IReadOnlyDictionary<string, object?>> rows)
    {
        var known = KnownColumns(source);
        var errors = new List<PushRowError>();
        for (var i = 0; i < rows.Count; i++)
        {
            var unknown = rows[i].Keys.Where(c => !known.Contains(c)).ToList();
            if (unknown.Count > 0)
            {
                errors.Add(new PushRowError(i, null,
                    $"unknown column{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown.Select(c => $"'{c}'"))} " +
                    $"(data source '{source.Name}' has {string.Join(", ", known.Order(StringComparer.Ordinal))})"));
            }
        }

        return errors;
    }

    private HashSet<string> KnownColumns(DataSourceDefinition source)
    {
        var reverse = (source.FieldMapping ?? new Dictionary<string, string>())
            .GroupBy(m => m.Value, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        string ColumnOf(string name) => reverse.GetValueOrDefault(name) ?? name;

        var known = new HashSet<string>(StringComparer.Ordinal) { source.TimestampField };
        if (source.CreatedTimestampField is { } created)
            known.Add(created);
        foreach (var view in definitions.FeatureViews.SelectMany(LiveViews.Versions).Where(v => v.Source == source.Name))
        {
            foreach (var entity in definitions.Entities.Where(e => view.Entities.Contains(e.Name, StringComparer.Ordinal)))
                known.UnionWith(entity.JoinKeys.Select(k => ColumnOf(k.Name)));
            known.UnionWith(view.Features.Select(f => ColumnOf(f.Name)));
        }

        return known;
    }

    private static PushRowError ToRowError(RejectedRecord rejected, long first) =>
        new((int)(rejected.Position.Offset - first), rejected.View, rejected.Reason);

    private static PushRefusedException Refused(string view, IReadOnlyList<PushRowError> errors) =>
        new(PushRefusal.InvalidRows, view, PushErrorText.Describe(view, errors), errors);
}
