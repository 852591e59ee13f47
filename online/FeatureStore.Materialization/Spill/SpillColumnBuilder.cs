using FeatureStore.Parquet;
using FeatureStore.Registry.Model;

namespace FeatureStore.Materialization.Spill;

/// <summary>Rebuilds one feature column (in its declared type, see <see cref="SpillFormat.ColumnType"/>) from spilled values.</summary>
internal abstract class SpillColumnBuilder
{
    private readonly List<bool> valid = [];

    public int Count => valid.Count;

    public static SpillColumnBuilder For(FeatureType type) => type switch
    {
        FeatureType.Int32 => new Fixed<int>(r => r.ReadInt32(), (v, m) => new Int32Column(v, m)),
        FeatureType.Int64 or FeatureType.Timestamp => new Fixed<long>(r => r.ReadInt64(), (v, m) => new Int64Column(v, m)),
        FeatureType.Float32 => new Fixed<float>(r => r.ReadSingle(), (v, m) => new FloatColumn(v, m)),
        FeatureType.Float64 => new Fixed<double>(r => r.ReadDouble(), (v, m) => new DoubleColumn(v, m)),
        FeatureType.Bool => new Fixed<bool>(r => r.ReadBoolean(), (v, m) => new BooleanColumn(v, m)),
        FeatureType.String or FeatureType.Bytes => new Binary(),
        FeatureType.Float32List => new Lists<float>(r => r.ReadSingle(), v => new FloatColumn(v)),
        _ => new Lists<double>(r => r.ReadDouble(), v => new DoubleColumn(v)),
    };

    /// <summary>Reads one value (presence byte, then the value when present).</summary>
    public void Read(BinaryReader reader)
    {
        var present = reader.ReadBoolean();
        valid.Add(present);
        if (present)
            ReadValue(reader);
        else
            AddNull();
    }

    public abstract Column Build();

    protected bool[]? Validity() => valid.Contains(false) ? [.. valid] : null;

    protected abstract void ReadValue(BinaryReader reader);

    protected abstract void AddNull();

    private sealed class Fixed<T>(Func<BinaryReader, T> read, Func<T[], bool[]?, Column> make) : SpillColumnBuilder
    {
        private readonly List<T> values = [];

        public override Column Build() => make([.. values], Validity());

        protected override void ReadValue(BinaryReader reader) => values.Add(read(reader));

        protected override void AddNull() => values.Add(default!);
    }

    private sealed class Binary : SpillColumnBuilder
    {
        private readonly List<int> offsets = [0];
        private readonly MemoryStream data = new();

        public override Column Build() => new BinaryColumn([.. offsets], data.ToArray(), offsets.Count - 1, Validity());

        protected override void ReadValue(BinaryReader reader)
        {
            var length = reader.Read7BitEncodedInt();
            var start = (int)data.Length;
            data.SetLength(start + length);
            reader.BaseStream.ReadExactly(data.GetBuffer().AsSpan(start, length));
            data.Position = data.Length;
            offsets.Add((int)data.Length);
        }

        protected override void AddNull() => offsets.Add((int)data.Length);
    }

    private sealed class Lists<T>(Func<BinaryReader, T> read, Func<T[], Column> make) : SpillColumnBuilder
    {
        private readonly List<int> offsets = [0];
        private readonly List<T> values = [];

        public override Column Build() => new ListColumn([.. offsets], make([.. values]), offsets.Count - 1, Validity());

        protected override void ReadValue(BinaryReader reader)
        {
            var count = reader.Read7BitEncodedInt();
            for (var i = 0; i < count; i++)
                values.Add(read(reader));
            offsets.Add(values.Count);
        }

        protected override void AddNull() => offsets.Add(values.Count);
    }
}
