using FeatureStore.Registry.Model;

namespace FeatureStore.Online;

/// <summary>What a <see cref="FeatureValue"/> holds: <see cref="Null"/> or one of the registry's <see cref="FeatureType"/>s.</summary>
public enum FeatureValueKind : byte
{
    Null = 0,
    Int32,
    Int64,
    Float32,
    Float64,
    Bool,
    String,
    Bytes,
    Timestamp,
    Float32List,
    Float64List,
}

public static class FeatureValueKinds
{
    /// <summary>The value kind that carries a registry feature type.</summary>
    public static FeatureValueKind ToValueKind(this FeatureType type) => type switch
    {
        FeatureType.Int32 => FeatureValueKind.Int32,
        FeatureType.Int64 => FeatureValueKind.Int64,
        FeatureType.Float32 => FeatureValueKind.Float32,
        FeatureType.Float64 => FeatureValueKind.Float64,
        FeatureType.Bool => FeatureValueKind.Bool,
        FeatureType.String => FeatureValueKind.String,
        FeatureType.Bytes => FeatureValueKind.Bytes,
        FeatureType.Timestamp => FeatureValueKind.Timestamp,
        FeatureType.Float32List => FeatureValueKind.Float32List,
        FeatureType.Float64List => FeatureValueKind.Float64List,
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, "unknown feature type"),
    };
}
