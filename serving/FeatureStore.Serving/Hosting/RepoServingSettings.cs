using System.Text.RegularExpressions;
using FeatureStore.Online;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Yaml;
using YamlDotNet.RepresentationModel;

namespace FeatureStore.Serving.Hosting;

/// <summary>
/// What <c>featurestore serve</c> needs from featurestore.yaml: the project, the <c>registry:</c> block and the
/// <c>online_store:</c> block (<c>type: sqlite|redis|redis-cluster</c>, <c>path</c>, <c>connection_string</c>,
/// <c>connect_timeout</c>, <c>operation_timeout</c>; <c>${VAR}</c> is expanded from the environment). Read here
/// because the shared repo-config reader does not know <c>online_store:</c> yet; other keys are left to that reader.
/// </summary>
public sealed partial record RepoServingSettings(string Project, RegistryStoreSettings Registry, OnlineStoreSettings OnlineStore)
{
    public const string FileName = "featurestore.yaml";

    /// <exception cref="FeatureServerException">The file is missing or a setting is wrong (message: file:line:column: problem).</exception>
    public static RepoServingSettings Read(string repoDir)
    {
        var path = Path.Combine(repoDir, FileName);
        if (!File.Exists(path))
        {
            throw new FeatureServerException($"{path}: not found; a feature repo needs one with at least 'project: <name>'");
        }

        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new FeatureServerException($"{FileName}:{e.Start.Line}:{e.Start.Column}: {e.Message}");
        }

        if (yaml.Documents.Count == 0 || yaml.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new FeatureServerException($"{FileName}: expected a mapping with at least 'project: <name>'");
        }

        var project = Scalar(root, "project") ?? throw new FeatureServerException($"{FileName}: missing required key 'project'");
        var registry = Child(root, "registry") is { } registryNode ? ReadRegistry(registryNode) : RegistryStoreSettings.Default;
        var online = Child(root, "online_store") is { } onlineNode ? ReadOnlineStore(onlineNode) : OnlineStoreSettings.Default;
        return new RepoServingSettings(project, registry, online);
    }

    private static RegistryStoreSettings ReadRegistry(YamlMappingNode node)
    {
        var type = Scalar(node, "type") ?? "sqlite";
        return type.ToLowerInvariant() switch
        {
            "sqlite" => new RegistryStoreSettings(RegistryStoreKind.Sqlite, Scalar(node, "path") ?? RegistryStoreSettings.DefaultSqlitePath),
            "postgres" => new RegistryStoreSettings(RegistryStoreKind.Postgres, ConnectionString: Scalar(node, "connection_string")),
            _ => throw Problem(node, $"registry type '{type}' is not sqlite or postgres"),
        };
    }

    private static OnlineStoreSettings ReadOnlineStore(YamlMappingNode node)
    {
        var type = Scalar(node, "type") ?? "sqlite";
        var kind = OnlineStoreSettings.ParseKind(type) ?? throw Problem(node, $"online_store type '{type}' is not sqlite, redis or redis-cluster");
        return new OnlineStoreSettings(
            kind,
            Scalar(node, "path"),
            Scalar(node, "connection_string"),
            Duration(node, "connect_timeout"),
            Duration(node, "operation_timeout"));
    }

    private static TimeSpan? Duration(YamlMappingNode node, string key)
    {
        if (Scalar(node, key) is not { } text)
        {
            return null;
        }

        // Store timeouts are sub-second: "250ms" is accepted besides the definitions' duration forms.
        if (text.EndsWith("ms", StringComparison.Ordinal)
            && int.TryParse(text.AsSpan(0, text.Length - 2), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var milliseconds))
        {
            return TimeSpan.FromMilliseconds(milliseconds);
        }

        return DurationParser.TryParse(text, out var value) ? value : throw Problem(node, $"{key} '{text}' is not a duration; use 250ms or {DurationParser.Help}");
    }

    private static YamlMappingNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child)
            ? child as YamlMappingNode ?? throw Problem(child, $"'{key}' must be a mapping")
            : null;

    private static string? Scalar(YamlMappingNode node, string key)
    {
        if (!node.Children.TryGetValue(new YamlScalarNode(key), out var child))
        {
            return null;
        }

        if (child is not YamlScalarNode scalar)
        {
            throw Problem(child, $"'{key}' must be a single value");
        }

        return string.IsNullOrWhiteSpace(scalar.Value) ? null : ExpandEnvironment(scalar.Value);
    }

    private static string ExpandEnvironment(string text) =>
        EnvironmentReference().Replace(text, m => Environment.GetEnvironmentVariable(m.Groups[1].Value) ?? "");

    private static FeatureServerException Problem(YamlNode node, string message) =>
        new($"{FileName}:{node.Start.Line}:{node.Start.Column}: {message}");

    [GeneratedRegex(@"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")]
    private static partial Regex EnvironmentReference();
}
