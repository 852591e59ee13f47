using System.Buffers.Binary;
using System.Globalization;
using StackExchange.Redis;

namespace FeatureStore.Online.Redis;

/// <summary>
/// Key and field names (see README "Redis layout"). One hash per (project, entity key):
/// <c>fs:{project}:{&lt;entity key bytes&gt;}</c>, the braces being a cluster hash tag around the entity key. A field per
/// view version: 4 bytes (FNV-1a of "view@version", claimed in <c>fs:{project}:views</c> so a collision is refused);
/// its value the row bytes of <c>RowCodec</c>. Per project: <c>:views</c>, <c>:schemas</c>, <c>:newest</c> hashes.
/// </summary>
internal static class RedisLayout
{
    public static RedisKey EntityHash(string project, EntityKey key) => EntityHash(EntityHashPrefix(project), key);

    /// <summary>The bytes before the entity key, computed once per write instead of once per row.</summary>
    public static byte[] EntityHashPrefix(string project) => System.Text.Encoding.UTF8.GetBytes("fs:" + project + ":{");

    public static RedisKey EntityHash(byte[] prefix, EntityKey key)
    {
        var encoded = key.Encoded.Span;
        var bytes = new byte[prefix.Length + encoded.Length + 1];
        prefix.CopyTo(bytes, 0);
        encoded.CopyTo(bytes.AsSpan(prefix.Length));
        bytes[^1] = (byte)'}';
        return bytes;
    }

    /// <summary>SCAN pattern of every entity hash of a project (project names cannot hold glob characters or braces).</summary>
    public static string EntityHashPattern(string project) => "fs:" + project + ":{*";

    public static RedisKey ViewsHash(string project) => "fs:" + project + ":views";

    public static RedisKey SchemasHash(string project) => "fs:" + project + ":schemas";

    public static RedisKey NewestHash(string project) => "fs:" + project + ":newest";

    public static string ViewName(OnlineViewRef view) => view.View + "@" + view.Version.ToString(CultureInfo.InvariantCulture);

    public static bool TryParseViewName(string project, string name, out OnlineViewRef view)
    {
        view = null!;
        var at = name.LastIndexOf('@');
        if (at <= 0 || !int.TryParse(name.AsSpan(at + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var version))
            return false;
        view = new OnlineViewRef(project, name[..at], version);
        return true;
    }

    public static byte[] ViewField(OnlineViewRef view)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(ViewName(view)))
            hash = (hash ^ b) * 16777619u;
        var field = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(field, hash);
        return field;
    }

    public static byte[] SchemaField(byte[] viewField, uint schemaId)
    {
        var field = new byte[8];
        viewField.CopyTo(field, 0);
        BinaryPrimitives.WriteUInt32LittleEndian(field.AsSpan(4), schemaId);
        return field;
    }
}
