namespace FeatureStore.Online.Tests;

/// <summary>Values and keys shared by the tests.</summary>
internal static class Samples
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static EntityKey Driver(long id) => EntityKey.Of(FeatureValue.FromInt64(id));

    /// <summary>One value of every kind (and a null), with the feature names they are written under.</summary>
    public static readonly string[] AllKindNames =
        ["i32", "i64", "f32", "f64", "flag", "text", "blob", "seen_at", "emb32", "emb64", "nothing", "empty_text", "empty_list"];

    public static FeatureValue[] AllKindValues() =>
    [
        FeatureValue.FromInt32(int.MinValue),
        FeatureValue.FromInt64(long.MaxValue),
        FeatureValue.FromFloat32(float.NaN),
        FeatureValue.FromFloat64(-0.1),
        FeatureValue.FromBool(true),
        FeatureValue.FromString("zürich ☃"),
        FeatureValue.FromBytes(new byte[] { 0, 0x7D, 0xFF, 0x7B }),
        FeatureValue.FromTimestamp(new DateTimeOffset(1969, 7, 20, 20, 17, 40, TimeSpan.FromHours(2)).AddTicks(1234567)),
        FeatureValue.FromFloat32List(new[] { 1.5f, float.PositiveInfinity, -0f }),
        FeatureValue.FromFloat64List(new[] { double.Epsilon, 1e300 }),
        FeatureValue.Null,
        FeatureValue.FromString(""),
        FeatureValue.FromFloat64List(Array.Empty<double>()),
    ];

    public static OnlineRow Row(EntityKey key, DateTimeOffset at, params FeatureValue[] values) => new(key, values, at);
}
