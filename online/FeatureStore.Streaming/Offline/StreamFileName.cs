using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace FeatureStore.Streaming.Offline;

/// <summary>
/// Names of appended files: <c>stream-TOPIC-pPARTITION-FIRST-LAST.parquet</c> (offsets as 19 digits, the topic with
/// characters outside [A-Za-z0-9._-] replaced by '_'). Push topics (<c>push:SOURCE</c>) add <c>-CALLID</c> (32 hex digits):
/// their offsets restart in every process, so the range alone would not be unique. All files of one call share the name,
/// one per <c>event_date=</c> folder.
/// </summary>
internal static partial class StreamFileName
{
    public const string PushPrefix = "push:";

    public static bool IsPush(string topic) => topic.StartsWith(PushPrefix, StringComparison.Ordinal);

    public static string Sanitize(string topic)
    {
        var builder = new StringBuilder(topic.Length);
        foreach (var c in topic)
            builder.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_');
        return builder.ToString();
    }

    public static string Format(string topic, int partition, long first, long last, string? callId) =>
        string.Create(CultureInfo.InvariantCulture, $"stream-{Sanitize(topic)}-p{partition}-{first:D19}-{last:D19}{(callId is null ? "" : "-" + callId)}.parquet");

    /// <summary>The parts of a name made by <see cref="Format"/>, or null for any other file.</summary>
    public static (string Topic, int Partition, long First, long Last, string? CallId)? TryParse(string fileName)
    {
        var match = Pattern().Match(fileName);
        if (!match.Success)
            return null;
        return (match.Groups["topic"].Value,
            int.Parse(match.Groups["partition"].Value, CultureInfo.InvariantCulture),
            long.Parse(match.Groups["first"].Value, CultureInfo.InvariantCulture),
            long.Parse(match.Groups["last"].Value, CultureInfo.InvariantCulture),
            match.Groups["call"].Success ? match.Groups["call"].Value : null);
    }

    [GeneratedRegex(@"^stream-(?<topic>[A-Za-z0-9._-]+)-p(?<partition>\d{1,10})-(?<first>\d{19})-(?<last>\d{19})(?:-(?<call>[0-9a-f]{32}))?\.parquet$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
