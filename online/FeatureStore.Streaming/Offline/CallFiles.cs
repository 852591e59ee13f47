using System.Globalization;
using FeatureStore.Parquet;
using FeatureStore.Streaming.Resolution;
using FeatureStore.Streaming.Validation;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// Commits the records of one call for one (topic, partition): one file per event date, all under the same name in
/// their <c>event_date=</c> folders, each written aside (<c>NAME.tmp-GUID</c>, which dataset readers skip), flushed to
/// disk, then renamed in ascending date order. Every file lists the call's dates in its footer
/// (<see cref="DatesKey"/>), so a call is complete exactly when the file of its last date exists; a failure inside the
/// call removes what it had renamed, and a crash is repaired by <see cref="AppendRecovery"/>.
/// </summary>
internal static class CallFiles
{
    public const string DatesKey = "featurestore.stream.event_dates";
    public const string TempMarker = ".tmp-";

    private static readonly ParquetWriteOptions BaseOptions = new() { MaxDegreeOfParallelism = 1 };

    public static string DateFolder(DateOnly date) => "event_date=" + date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static void Commit(string baseDirectory, string fileName, SourcePlan plan, IReadOnlyList<ValidatedRecord> records, DateTimeOffset ingestedAt, CancellationToken ct)
    {
        var byDate = records
            .GroupBy(r => DateOnly.FromDateTime(r.EventTime.UtcDateTime))
            .OrderBy(g => g.Key)
            .ToList();
        var options = BaseOptions with
        {
            KeyValueMetadata = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [DatesKey] = string.Join(',', byDate.Select(g => g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))),
            },
        };
        var schema = AppendBatchBuilder.Schema(plan.OfflineColumns);
        var temps = new List<(string Temp, string Final)>();
        var renamed = new List<string>();
        try
        {
            foreach (var group in byDate)
            {
                ct.ThrowIfCancellationRequested();
                var folder = Path.Combine(baseDirectory, DateFolder(group.Key));
                Directory.CreateDirectory(folder);
                var final = Path.Combine(folder, fileName);
                var temp = final + TempMarker + Guid.NewGuid().ToString("N");
                temps.Add((temp, final));
                using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None);
                using (var writer = ParquetFileWriter.Create(stream, schema, options, leaveOpen: true))
                    writer.WriteBatch(AppendBatchBuilder.Build(schema, plan.OfflineColumns, [.. group], ingestedAt));
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
