namespace FeatureStore.Sdk;

/// <summary>
/// A way forward a <see cref="FeatureStoreException"/> message ends with. The message spells it in C# terms
/// (<see cref="FeatureStoreHints.Text"/>); a command line over the SDK can say the same with its own flags.
/// </summary>
public enum FeatureStoreHint
{
    /// <summary>Breaking changes may be applied on purpose.</summary>
    AllowBreaking,

    /// <summary>A changed feature view can get a new version, or breaking changes may be allowed.</summary>
    BumpVersionOrAllowBreaking,

    /// <summary>The spine's timestamp column has another name.</summary>
    TimestampColumn,

    /// <summary>Feature columns can be named view__feature to avoid a clash.</summary>
    FullFeatureNames,

    /// <summary>Nothing is registered yet.</summary>
    ApplyFirst,
}

public static class FeatureStoreHints
{
    /// <summary>The hint as the SDK's messages spell it.</summary>
    public static string Text(this FeatureStoreHint hint) => hint switch
    {
        FeatureStoreHint.AllowBreaking => "set ApplyOptions.AllowBreaking to apply it anyway",
        FeatureStoreHint.BumpVersionOrAllowBreaking => "bump the view's Version or set ApplyOptions.AllowBreaking",
        FeatureStoreHint.TimestampColumn => "choose one with the timestampColumn argument of Spine.FromFile, FromRows or FromArrow",
        FeatureStoreHint.FullFeatureNames => "set HistoricalFeatureOptions.FullFeatureNames",
        FeatureStoreHint.ApplyFirst => "apply definitions first with FeatureStoreSession.ApplyAsync",
        _ => throw new ArgumentOutOfRangeException(nameof(hint)),
    };
}
