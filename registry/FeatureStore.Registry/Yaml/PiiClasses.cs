using FeatureStore.Registry.Model;

namespace FeatureStore.Registry.Yaml;

/// <summary>Spelling of <see cref="PiiClass"/> in definitions: none, personal, sensitive.</summary>
internal static class PiiClasses
{
    public static PiiClass? Parse(string text) => text.Trim() switch
    {
        "none" => PiiClass.None,
        "personal" => PiiClass.Personal,
        "sensitive" => PiiClass.Sensitive,
        _ => null,
    };
}
