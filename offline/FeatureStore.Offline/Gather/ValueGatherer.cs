namespace FeatureStore.Offline;

/// <summary>
/// Phase 2 of a view: reads the feature columns of only the row groups that hold winners (in parallel, each once)
/// and copies each winner's values into its spine slot; a stored null turns that feature's status into NULL_VALUE.
/// </summary>
internal static class ValueGatherer
{
    public static IReadOnlyList<FeatureColumn> Gather(ResolvedView view, SourcePlan plan, ViewMatch match, TrainingSetRequest request, CancellationToken cancellationToken)
    {
        var spineRows = match.Winners.Length;
        var columns = view.Features
            .Select(f => new FeatureColumn(view, f, FeatureBuffer.Create(f.Definition.Type, spineRows), (FeatureStatus[])match.Statuses.Clone()))
            .ToList();
        var winnerCount = match.Winners.Count(w => w >= 0);
        var refs = new long[winnerCount];
        var slots = new int[winnerCount];
        var n = 0;
        for (var slot = 0; slot < spineRows; slot++)
        {
            if (match.Winners[slot] >= 0)
            {
                refs[n] = match.Winners[slot];
                slots[n++] = slot;
            }
        }

        Array.Sort(refs, slots);
        var segments = new List<(int Ordinal, int Start, int End)>();
        for (var start = 0; start < winnerCount;)
        {
            var ordinal = FeatureRow.RowGroupOf(refs[start]);
            var end = start;
            while (end < winnerCount && FeatureRow.RowGroupOf(refs[end]) == ordinal)
            {
                end++;
            }

            segments.Add((ordinal, start, end));
            start = end;
        }

        var sourceColumns = view.Features.Select(f => f.SourceColumn).Distinct(StringComparer.Ordinal).ToList();
        var schema = plan.Dataset.Schema;
        ParallelWork.ForEach(segments, request.MaxParallelism, cancellationToken, () => new SourceReaders(view), (segment, readers) =>
        {
            var batch = readers.Read(plan.RowGroups[segment.Ordinal], sourceColumns);
            foreach (var column in columns)
            {
                var source = batch[column.Feature.SourceColumn];
                var sourceType = schema[column.Feature.SourceColumn].Type;
                for (var i = segment.Start; i < segment.End; i++)
                {
                    if (!column.Values.CopyFrom(source, sourceType, FeatureRow.RowOf(refs[i]), slots[i]))
                    {
                        column.Statuses[slots[i]] = FeatureStatus.NullValue;
                    }
                }
            }
        });

        return columns;
    }
}
