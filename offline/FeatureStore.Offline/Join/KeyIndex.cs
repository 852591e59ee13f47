using System.Globalization;
using System.Text;
using FeatureStore.Parquet;

namespace FeatureStore.Offline;

/// <summary>
/// Dense ids 0..Count-1 for the distinct join-key tuples of the spine. Feature rows whose key is not in the spine get -1
/// and are dropped before sorting, so the join only ever touches keys that some spine row asks for.
/// A single integer key is looked up as a long; other keys (strings, bytes, composites) as an encoded string.
/// </summary>
internal sealed class KeyIndex
{
    private readonly IReadOnlyList<ResolvedJoinKey> _keys;
    private readonly Dictionary<long, int>? _integers;
    private int[]? _dense;
    private long _denseMin;
    private readonly Dictionary<string, int>? _strings;

    private KeyIndex(IReadOnlyList<ResolvedJoinKey> keys)
    {
        _keys = keys;
        if (keys.Count == 1 && KeyColumns.IsInteger(keys[0].Type))
        {
            _integers = [];
        }
        else
        {
            _strings = new Dictionary<string, int>(StringComparer.Ordinal);
        }
    }

    public int Count { get; private set; }

    /// <summary>Builds the index from the spine and returns each spine row's key id (-1 when a key value is null).</summary>
    public static KeyIndex Build(ResolvedView view, SpineTable spine, out int[] spineKeyIds)
    {
        var columns = new List<Column>();
        foreach (var key in view.JoinKeys)
        {
            var index = spine.Batch.Schema.IndexOf(key.Name);
            if (index < 0)
            {
                throw new TrainingSetException(
                    $"spine {spine.Path} has no column '{key.Name}' (join key of entity '{key.Entity}', needed by feature view '{view.Name}')");
            }

            KeyColumns.Check(spine.Batch.Schema[index], key, $"spine {spine.Path}");
            columns.Add(spine.Batch[index]);
        }

        var result = new KeyIndex(view.JoinKeys);
        spineKeyIds = new int[spine.RowCount];
        if (result._integers is not null && result.TryUseDenseLookup(columns[0]))
        {
            for (var row = 0; row < spine.RowCount; row++)
            {
                spineKeyIds[row] = result.GetOrAddDense(columns[0], row);
            }

            return result;
        }

        for (var row = 0; row < spine.RowCount; row++)
        {
            spineKeyIds[row] = result.GetOrAdd(columns, row);
        }

        result.Count = result._integers?.Count ?? result._strings!.Count;
        return result;
    }

    /// <summary>Maps rows of source key columns (in join-key order) to spine key ids, -1 when the spine never asks for the key.</summary>
    public void Map(IReadOnlyList<Column> columns, Span<int> ids)
    {
        var rows = columns[0].Length;
        if (_dense is not null)
        {
            MapDense(columns[0], ids);
            return;
        }

        if (_integers is not null)
        {
            var column = columns[0];
            for (var row = 0; row < rows; row++)
            {
                ids[row] = !column.IsNull(row) && _integers.TryGetValue(KeyColumns.GetInteger(column, row), out var id) ? id : -1;
            }

            return;
        }

        var builder = new StringBuilder();
        for (var row = 0; row < rows; row++)
        {
            var text = Encode(columns, row, builder);
            ids[row] = text is not null && _strings!.TryGetValue(text, out var id) ? id : -1;
        }
    }

    private void MapDense(Column column, Span<int> ids)
    {
        var dense = _dense!;
        var min = _denseMin;
        if (column is Int64Column longs)
        {
            var values = longs.Span;
            for (var row = 0; row < values.Length; row++)
            {
                var offset = (ulong)(values[row] - min);
                ids[row] = offset < (ulong)dense.Length ? dense[offset] : -1;
            }
        }
        else
        {
            for (var row = 0; row < column.Length; row++)
            {
                var offset = (ulong)(KeyColumns.GetInteger(column, row) - min);
                ids[row] = offset < (ulong)dense.Length ? dense[offset] : -1;
            }
        }

        if (column.Validity is { } validity)
        {
            for (var row = 0; row < column.Length; row++)
            {
                ids[row] = validity[row] ? ids[row] : -1;
            }
        }
    }

    // Integer ids usually fill a compact range: an array indexed by (key - min) is several times faster than hashing.
    private bool TryUseDenseLookup(Column column)
    {
        long min = long.MaxValue, max = long.MinValue, present = 0;
        for (var row = 0; row < column.Length; row++)
        {
            if (!column.IsNull(row))
            {
                var value = KeyColumns.GetInteger(column, row);
                min = Math.Min(min, value);
                max = Math.Max(max, value);
                present++;
            }
        }

        if (present == 0 || max - min >= Math.Max(4 * present, 1 << 16) || max - min >= 1 << 27)
        {
            return false;
        }

        _denseMin = min;
        _dense = new int[max - min + 1];
        Array.Fill(_dense, -1);
        return true;
    }

    private int GetOrAddDense(Column column, int row)
    {
        if (column.IsNull(row))
        {
            return -1;
        }

        ref var id = ref _dense![KeyColumns.GetInteger(column, row) - _denseMin];
        if (id < 0)
        {
            id = Count++;
        }

        return id;
    }

    private int GetOrAdd(List<Column> columns, int row)
    {
        if (_integers is not null)
        {
            if (columns[0].IsNull(row))
            {
                return -1;
            }

            var value = KeyColumns.GetInteger(columns[0], row);
            if (!_integers.TryGetValue(value, out var id))
            {
                id = _integers.Count;
                _integers.Add(value, id);
            }

            return id;
        }

        var text = Encode(columns, row, new StringBuilder());
        if (text is null)
        {
            return -1;
        }

        if (!_strings!.TryGetValue(text, out var stringId))
        {
            stringId = _strings.Count;
            _strings.Add(text, stringId);
        }

        return stringId;
    }

    // Length-prefixed parts so ("a,b","c") and ("a","b,c") never collide; null when any part is null.
    private string? Encode(IReadOnlyList<Column> columns, int row, StringBuilder builder)
    {
        builder.Clear();
        for (var k = 0; k < columns.Count; k++)
        {
            var column = columns[k];
            if (column.IsNull(row))
            {
                return null;
            }

            string part = KeyColumns.IsInteger(_keys[k].Type)
                ? KeyColumns.GetInteger(column, row).ToString(CultureInfo.InvariantCulture)
                : column is BinaryColumn binary
                    ? _keys[k].Type == Registry.Model.FeatureType.Bytes ? Convert.ToHexString(binary.GetBytes(row)) : binary.GetString(row)!
                    : throw new InvalidOperationException($"not a key column: {column.GetType().Name}");
            builder.Append(part.Length).Append(':').Append(part).Append('|');
        }

        return builder.ToString();
    }
}
