using FeatureStore.Online;
using FeatureStore.Parquet;

namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// Finds the rows of erased entities in one source file and rewrites the file without them: written aside in the same
/// folder (<c>NAME.tmp-erase-GUID</c>, which dataset readers skip), flushed to disk, then renamed over the original, so a
/// crash leaves the old or the new file. The schema, key/value metadata, codec, row-group boundaries and every other
/// row are kept.
/// </summary>
internal static class ParquetFileEraser
{
    public const string TempMarker = ".tmp-erase-";

    public static SourceFileScan Scan(DatasetFile file, ScopedSource source, CancellationToken ct)
    {
        return Guard(file, () =>
        {
            using var reader = ParquetFileReader.Open(file.Path);
            var layout = FileLayout.Of(file, reader.Schema, source);
            var keys = source.Views.ToDictionary(v => v, _ => new HashSet<EntityKey>());
            long matched = 0;
            var wholeFile = source.Erased.Any(k => layout.Erased[k].FolderValue is { } folder && k.MatchesPartition(folder));
            for (var group = 0; group < reader.RowGroups.Count; group++)
            {
                ct.ThrowIfCancellationRequested();
                // Keys held only by folder names still need the row count: read one column then.
                var batch = reader.ReadRowGroup(group, layout.ReadColumns.Count > 0 ? layout.ReadColumns : [reader.Schema[0].Name]);
                for (var row = 0; row < batch.RowCount; row++)
                {
                    if (!wholeFile && !layout.Matches(batch, row, source.Erased))
                        continue;
                    matched++;
                    foreach (var view in source.Views)
                    {
                        if ((wholeFile || layout.Matches(batch, row, view.Erased)) && layout.KeyOf(batch, row, view) is { } key)
                            keys[view].Add(key);
                    }
                }
            }

            return new SourceFileScan(file, source, reader.RowCount, matched, wholeFile, keys);
        });
    }

    /// <summary>Removes the scanned file's matching rows (the whole file when a hive folder names the value).</summary>
    public static void Rewrite(SourceFileScan scan, CancellationToken ct)
    {
        var file = scan.File;
        if (scan.WholeFile)
        {
            Guard(file, () =>
            {
                File.Delete(file.Path);
                RemoveIfEmpty(Path.GetDirectoryName(file.Path)!);
                return true;
            });
            return;
        }

        var temp = file.Path + TempMarker + Guid.NewGuid().ToString("N");
        try
        {
            Guard(file, () =>
            {
                using (var reader = ParquetFileReader.Open(file.Path))
                {
                    if (reader.UnsupportedColumns.Count > 0)
                    {
                        throw new FeatureStoreException(FeatureStoreErrorCode.Erasure,
                            $"file {file.Path} has columns erase cannot rewrite ({string.Join(", ", reader.UnsupportedColumns)}: nested types); remove its rows of the entity with another tool");
                    }

                    var layout = FileLayout.Of(file, reader.Schema, scan.Source);
                    using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16);
                    using (var writer = ParquetFileWriter.Create(stream, reader.Schema, WriteOptionsOf(reader), leaveOpen: true))
                    {
                        for (var group = 0; group < reader.RowGroups.Count; group++)
                        {
                            ct.ThrowIfCancellationRequested();
                            var batch = reader.ReadRowGroup(group);
                            var drop = new bool[batch.RowCount];
                            var kept = 0;
                            for (var row = 0; row < drop.Length; row++)
                            {
                                drop[row] = layout.Matches(batch, row, scan.Source.Erased);
                                kept += drop[row] ? 0 : 1;
                            }

                            if (kept == 0)
                                continue;
                            writer.WriteBatch(kept == drop.Length ? batch : RowFilter.Keep(batch, drop, kept));
                            writer.Flush();
                        }
                    }

                    stream.Flush(flushToDisk: true);
                }

                File.Move(temp, file.Path, overwrite: true);
                return true;
            });
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Deletes the temporary files a killed erasure left in these folders; returns how many.</summary>
    public static int RemoveStrayTemps(IEnumerable<string> folders)
    {
        var removed = 0;
        foreach (var folder in folders.Where(Directory.Exists))
        {
            foreach (var stray in Directory.EnumerateFiles(folder, "*" + TempMarker + "*"))
            {
                File.Delete(stray);
                removed++;
            }
        }

        return removed;
    }

    private static ParquetWriteOptions WriteOptionsOf(ParquetFileReader reader)
    {
        var codec = reader.RowGroups.SelectMany(g => g.Columns).Select(c => c.Codec).FirstOrDefault(ParquetCompression.Snappy);
        return new ParquetWriteOptions
        {
            Compression = codec is ParquetCompression.None or ParquetCompression.Snappy or ParquetCompression.Gzip or ParquetCompression.Brotli or ParquetCompression.Zstd
                ? codec
                : ParquetCompression.Snappy,
            // Each source row group becomes one row group (flushed explicitly), never split.
            RowGroupSize = (int)Math.Clamp(reader.RowGroups.Select(g => g.RowCount).DefaultIfEmpty(1).Max(), 1, int.MaxValue),
            KeyValueMetadata = reader.KeyValueMetadata,
        };
    }

    private static void RemoveIfEmpty(string folder)
    {
        if (!Directory.EnumerateFileSystemEntries(folder).Any())
            Directory.Delete(folder);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A stray temporary file is removed by the next run.
        }
    }

    private static T Guard<T>(DatasetFile file, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ParquetException e)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Erasure, $"erase cannot read or rewrite {file.Path}: {e.Message}", e);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Erasure, $"erase cannot rewrite {file.Path}: {e.Message}", e);
        }
    }

    /// <summary>Where each join key the erasure needs lives in one file, and the columns to read for them.</summary>
    private sealed class FileLayout
    {
        private readonly Dictionary<string, SourceFileColumn> byKey;

        private FileLayout(Dictionary<ErasureKey, SourceFileColumn> erased, Dictionary<string, SourceFileColumn> byKey)
        {
            Erased = erased;
            this.byKey = byKey;
            ReadColumns = [.. byKey.Values.Select(c => c.Column).OfType<string>().Distinct(StringComparer.Ordinal)];
        }

        public IReadOnlyDictionary<ErasureKey, SourceFileColumn> Erased { get; }

        public IReadOnlyList<string> ReadColumns { get; }

        public static FileLayout Of(DatasetFile file, ParquetSchema schema, ScopedSource source)
        {
            var byKey = new Dictionary<string, SourceFileColumn>(StringComparer.Ordinal);
            foreach (var view in source.Views)
            {
                foreach (var key in view.Keys.Where(k => !byKey.ContainsKey(k.Name)))
                    byKey[key.Name] = SourceFileColumn.Locate(file, schema, source, key.Name, view.View.Name);
            }

            return new FileLayout(source.Erased.ToDictionary(k => k, k => byKey[k.JoinKey]), byKey);
        }

        public bool Matches(RecordBatch batch, int row, IReadOnlyList<ErasureKey> keys)
        {
            foreach (var key in keys)
            {
                var where = Erased[key];
                if (where.Column is { } column ? key.Matches(batch[column], where.Type!, row) : key.MatchesPartition(where.FolderValue))
                    return true;
            }

            return false;
        }

        public EntityKey? KeyOf(RecordBatch batch, int row, ScopedView view)
        {
            var parts = new FeatureValue[view.Keys.Count];
            for (var k = 0; k < parts.Length; k++)
            {
                var where = byKey[view.Keys[k].Name];
                var part = where.Column is { } column
                    ? KeyPartReader.FromColumn(batch[column], where.Type!, row, view.Keys[k].Type)
                    : KeyPartReader.FromFolder(where.FolderValue, view.Keys[k].Type);
                if (part is not { } value)
                    return null;
                parts[k] = value;
            }

            return EntityKey.Of(parts);
        }
    }
}
