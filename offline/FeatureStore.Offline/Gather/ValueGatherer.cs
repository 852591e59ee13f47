using System.Runtime.CompilerServices;

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

        // Winners grouped by row group (a counting sort, slots ascending inside each): each row group is read once.
        var rowGroupCount = plan.RowGroups.Count;
        var starts = new int[rowGroupCount + 1];
        foreach (var winner in match.Winners)
        {
            if (winner >= 0)
            {
                starts[FeatureRow.RowGroupOf(winner) + 1]++;
            }
        }

        for (var g = 0; g < rowGroupCount; g++)
        {
            starts[g + 1] += starts[g];
        }

        var next = (int[])starts.Clone();
        var rows = new int[starts[rowGroupCount]];
        var slots = new int[starts[rowGroupCount]];
        for (var slot = 0; slot < spineRows; slot++)
        {
            var winner = match.Winners[slot];
            if (winner >= 0)
            {
                var at = next[FeatureRow.RowGroupOf(winner)]++;
                rows[at] = FeatureRow.RowOf(winner);
                slots[at] = slot;
            }
        }

        var segments = Enumerable.Range(0, rowGroupCount)
            .Where(g => starts[g + 1] > starts[g])
            .Select(g => (Ordinal: g, Start: starts[g], End: starts[g + 1]))
            .ToList();

        var sourceColumns = view.Features.Select(f => f.SourceColumn).Distinct(StringComparer.Ordinal).ToList();
        ParallelWork.ForEach(segments, request.MaxParallelism, cancellationToken, () => new SourceReaders(view), [MethodImpl(MethodImplOptions.AggressiveOptimization)] (segment, readers) =>
        {
            var batch = readers.Read(plan.RowGroups[segment.Ordinal], sourceColumns);
            foreach (var column in columns)
            {
                var source = batch[column.Feature.SourceColumn];
                var sourceType = batch.Schema[column.Feature.SourceColumn].Type; // this file's type: files of one source may differ
                for (var i = segment.Start; i < segment.End; i++)
                {
                    if (!column.Values.CopyFrom(source, sourceType, rows[i], slots[i]))
                    {
                        column.Statuses[slots[i]] = FeatureStatus.NullValue;
                    }
                }
            }
        });

        return columns;
    }
}
