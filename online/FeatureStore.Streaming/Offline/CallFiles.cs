using System.Globalization;
using FeatureStore.Parquet;
using FeatureStore.Streaming.Resolution;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// Commits the rows of one append for one (topic, partition): one file per event date, all under the same name in
/// their <c>event_date=</c> folders, each written aside (<c>NAME.tmp-GUID</c>, which dataset readers skip), flushed to
/// disk, then renamed in ascending date order. Every file lists the call's dates in its footer
/// (<see cref="DatesKey"/>), so a call is complete exactly when the file of its last date exists; a failure inside the
/// call removes what it had renamed, and a crash is repaired by <see cref="AppendRecovery"/>.
/// </summary>
internal static class CallFiles
{
    public const string DatesKey = "featurestore.stream.event_dates";
    public const string TempMarker = ".tmp-";

    /// <summary>
    /// Rows per row group, each built and written on its own: a column of 8,192 values stays under the large object heap's
    /// 85,000 bytes, so an append of 100,000 rows does not set off the full, blocking collections that the large object
    /// heap's budget triggers while the consume loop runs.
    /// </summary>
    private const int RowGroupRows = 8192;

    private static readonly ParquetWriteOptions BaseOptions = new() { MaxDegreeOfParallelism = 1, RowGroupSize = RowGroupRows };

    public static string DateFolder(DateOnly date) => "event_date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Commit(string baseDirectory, string fileName, SourcePlan plan, OfflineBuffer buffer, RowSet rows, CancellationToken ct)
    {
        var byDate = ByDate(buffer, rows);
        var options = BaseOptions with
        {
            KeyValueMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DatesKey] = string.Join(',', byDate.Select(g => g.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            },
        };
        var schema = AppendBatchBuilder.Schema(plan.OfflineColumns);
        var temps = new List<(string Temp, string Final)>();
        var renamed = new List<string>();
        try
        {
            foreach (var (date, dateRows) in byDate)
            {
                ct.ThrowIfCancellationRequested();
                var folder = Path.Combine(baseDirectory, DateFolder(date));
                Directory.CreateDirectory(folder);
                var final = Path.Combine(folder, fileName);
                var temp = final + TempMarker + Guid.NewGuid().ToString("N");
                temps.Add((temp, final));
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using (var writer = ParquetFileWriter.Create(stream, schema, options, leaveOpen: true))
                {
                    for (var start = 0; start < dateRows.Count; start += RowGroupRows)
                        writer.WriteBatch(AppendBatchBuilder.Build(schema, plan.OfflineColumns, buffer, dateRows.Slice(start, Math.Min(RowGroupRows, dateRows.Count - start))));
                }

                stream.Flush(flushToDisk: true);
            }

            foreach (var (temp, final) in temps)
            {
                File.Move(temp, final, overwrite: true);
                renamed.Add(final);
            }
        }
        catch
        {
            foreach (var (temp, _) in temps)
                TryDelete(temp);
            foreach (var final in renamed)
                TryDelete(final);
            throw;
        }
    }

    /// <summary>The rows per event date, dates ascending; one run when every row has the same date (the usual case).</summary>
    private static List<(DateOnly Date, RowSet Rows)> ByDate(OfflineBuffer buffer, RowSet rows)
    {
        static DateOnly DateOf(long ticks) => DateOnly.FromDateTime(new DateTime(ticks, DateTimeKind.Utc));
        var first = DateOf(buffer.EventTicksAt(rows[0]));
        var single = true;
        for (var i = 1; i < rows.Count && single; i++)
            single = DateOf(buffer.EventTicksAt(rows[i])) == first;
        if (single)
            return [(first, rows)];
        var groups = new SortedDictionary<DateOnly, List<int>>();
        for (var i = 0; i < rows.Count; i++)
        {
            var date = DateOf(buffer.EventTicksAt(rows[i]));
            if (!groups.TryGetValue(date, out var list))
                groups[date] = list = [];
            list.Add(rows[i]);
        }

        return [.. groups.Select(g => (g.Key, RowSet.Of([.. g.Value])))];
    }

    /// <summary>The dates a committed file says its call has, or null when the footer does not say.</summary>
    public static IReadOnlyList<DateOnly>? DatesOf(string file)
    {
        using var reader = ParquetFileReader.Open(file);
        if (!reader.KeyValueMetadata.TryGetValue(DatesKey, out var text))
            return null;
        return [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(d => DateOnly.ParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture))];
    }

    public static void TryDelete(string file)
    {
        try
        {
            File.Delete(file);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
