using FeatureStore.Sdk;

namespace FeatureStore.Cli;

/// <summary>The SDK's hints said with the CLI's own flags (the SDK words them as C# options).</summary>
internal static class CliHints
{
    public static string Text(FeatureStoreHint hint) => hint switch
    {
        FeatureStoreHint.AllowBreaking => "pass --allow-breaking to apply it anyway",
        FeatureStoreHint.BumpVersionOrAllowBreaking => "bump the view's version: or pass --allow-breaking",
        FeatureStoreHint.TimestampColumn => "choose one with --timestamp-column",
        FeatureStoreHint.FullFeatureNames => "use --full-feature-names",
        FeatureStoreHint.ApplyFirst => "run 'featurestore apply' first",
        _ => hint.Text(),
    };

    /// <summary>The exception's message with its hint in CLI terms.</summary>
    public static string Message(FeatureStoreException e) =>
        e.Hint is { } hint ? e.Message.Replace(hint.Text(), Text(hint), StringComparison.Ordinal) : e.Message;
}
