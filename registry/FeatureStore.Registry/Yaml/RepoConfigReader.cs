using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;
using FeatureStore.Registry.Validation;

namespace FeatureStore.Registry.Yaml;

/// <summary>Reads featurestore.yaml: the project name, its description, the <c>registry:</c>, <c>online_store:</c>, <c>auth:</c> and <c>audit:</c> settings.</summary>
internal static class RepoConfigReader
{
    public const string FileName = "featurestore.yaml";

    private static readonly string[] Keys = ["project", "description", "registry", "online_store", "auth", "audit"];
    private static readonly string[] RegistryKeys = ["type", "path", "connection_string"];

    /// <summary>The settings; problems are reported into <paramref name="source"/> and a placeholder is returned so loading goes on.</summary>
    public static FeatureRepoConfig Read(string text, YamlSource source)
    {
        var documents = YamlFileParser.Parse(text, source);
        var root = documents.Count > 0 ? documents[0].RootNode : null;
        if (root is null || YamlNodes.IsNull(root))
        {
            source.Report(root?.Start ?? YamlDotNet.Core.Mark.Empty, $"{FileName} is empty; it needs at least 'project: <name>'");
            return new FeatureRepoConfig("", RegistryStoreSettings.Default);
        }

        if (documents.Count > 1)
        {
            source.Report(documents[1].RootNode.Start, $"{FileName} must hold one YAML document, found {documents.Count}");
        }

        if (YamlMap.Open(root, "project settings", source, Keys) is not { } map)
        {
            return new FeatureRepoConfig("", RegistryStoreSettings.Default);
        }

        var project = map.String("project");
        if (project is null)
        {
            source.Report(root.Start, $"{FileName} is missing required key 'project'");
        }
        else if (!DefinitionNames.IsIdentifier(project))
        {
            map.Report(map.Get("project")!, DefinitionNames.InvalidMessage("project", project));
        }

        var registry = map.Get("registry") is { } node ? ReadRegistry(node, source) : RegistryStoreSettings.Default;
        var online = map.Get("online_store") is { } onlineNode ? OnlineStoreConfigReader.Read(onlineNode, source) : OnlineStoreConfig.Default;
        return new FeatureRepoConfig(project ?? "", registry, map.String("description"))
        {
            OnlineStore = online,
            Auth = map.Get("auth") is { } authNode ? ReadAuth(authNode, source) : AuthConfig.Default,
            Audit = map.Get("audit") is { } auditNode ? ReadAudit(auditNode, source) : AuditConfig.Default,
        };
    }

    private static AuthConfig ReadAuth(YamlDotNet.RepresentationModel.YamlNode node, YamlSource source) =>
        YamlMap.Open(node, "auth settings", source, ["required"]) is { } map ? new AuthConfig(map.Bool("required") ?? false) : AuthConfig.Default;

    private static AuditConfig ReadAudit(YamlDotNet.RepresentationModel.YamlNode node, YamlSource source)
    {
        if (YamlMap.Open(node, "audit settings", source, ["retention"]) is not { } map || map.Duration("retention") is not { } retention)
        {
            return AuditConfig.Default;
        }

        if (retention <= TimeSpan.Zero)
        {
            map.Report(map.Get("retention")!, "audit.retention must be longer than zero");
            return AuditConfig.Default;
        }

        return new AuditConfig(retention);
    }

    private static RegistryStoreSettings ReadRegistry(YamlDotNet.RepresentationModel.YamlNode node, YamlSource source)
    {
        if (YamlMap.Open(node, "registry settings", source, RegistryKeys) is not { } map)
        {
            return RegistryStoreSettings.Default;
        }

        var kind = map.Parse("type", "sqlite or postgres", ParseKind) ?? RegistryStoreKind.Sqlite;
        var path = Expanded(map, "path");
        var connectionString = Expanded(map, "connection_string");
        if (kind == RegistryStoreKind.Sqlite)
        {
            if (connectionString is not null)
            {
                map.Report(map.Get("connection_string")!, "connection_string applies to the postgres registry only; the sqlite registry takes a path");
            }

            return new RegistryStoreSettings(RegistryStoreKind.Sqlite, path ?? RegistryStoreSettings.DefaultSqlitePath);
        }

        if (path is not null)
        {
            map.Report(map.Get("path")!, "path applies to the sqlite registry only; the postgres registry takes a connection_string");
        }

        if (connectionString is null)
        {
            map.Report(map.Node, "the postgres registry needs a connection_string (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Database=fs\")");
        }

        return new RegistryStoreSettings(RegistryStoreKind.Postgres, ConnectionString: connectionString);
    }

    internal static string? Expanded(YamlMap map, string key, string block = "registry")
    {
        if (map.String(key) is not { } text)
        {
            return null;
        }

        var (expanded, missing) = EnvironmentExpander.Expand(text);
        foreach (var name in missing)
        {
            map.Report(map.Get(key)!, $"environment variable '{name}' referenced by {block}.{key} is not set");
        }

        return expanded;
    }

    private static RegistryStoreKind? ParseKind(string text) => text.Trim() switch
    {
        "sqlite" => RegistryStoreKind.Sqlite,
        "postgres" => RegistryStoreKind.Postgres,
        _ => null,
    };
}
