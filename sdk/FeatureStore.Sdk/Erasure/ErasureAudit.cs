using System.Globalization;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// The audit line of an erasure. The erased value is personal data, so the subject names each entity as
/// <c>JOIN_KEY=sha256:&lt;16 hex&gt;</c> (comma-separated when several), and the detail holds only counts.
/// </summary>
internal static class ErasureAudit
{
    public static AuditEntry Entry(ErasureReport report, string actor, DateTimeOffset at) => new(
        at,
        actor,
        AuditActions.Erase,
        string.Join(",", report.Entities.Select(e => e.AuditSubject)),
        string.Create(CultureInfo.InvariantCulture,
            $"online keys deleted: {report.OnlineRowsDeleted}; files rewritten: {report.Files.Count}; rows removed: {report.RowsRemoved}; training sets holding it: {report.TrainingSets.Count}"),
        report.RowsRemoved);
}
