using System.Globalization;
using System.Text;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Registry.Planning;

/// <summary>Renders apply history: revision, when (UTC ISO-8601), who, then one line per change with the object's version.</summary>
public static class HistoryPrinter
{
    public static string Render(IReadOnlyList<ApplyRecord> records)
    {
        ArgumentNullException.ThrowIfNull(records);
        if (records.Count == 0)
            return "No applies recorded." + Environment.NewLine;
        var text = new StringBuilder();
        foreach (var record in records)
        {
            var when = record.AppliedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            text.AppendLine(CultureInfo.InvariantCulture, $"revision {record.Revision}  {when}  {record.Actor}");
            foreach (var change in record.Changes)
            {
                var sign = change.Change switch { ChangeType.Added => '+', ChangeType.Removed => '-', _ => '~' };
                text.AppendLine(CultureInfo.InvariantCulture, $"  {sign} {change.Kind.Label()} {change.Name} v{change.Version}: {change.Summary}");
            }
        }

        return text.ToString();
    }
}
