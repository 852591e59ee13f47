using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// What an export leaves in the registry: one <see cref="AuditActions.OfflineExport"/> line when it held personal or
/// sensitive features (actor the principal, subject the features, detail purpose, destination and masking, count the
/// rows), and a <see cref="TrainingSetRecord"/> for every training set written to a file (erasure reads that list).
/// </summary>
internal static class OfflineExportRecords
{
    public static async Task RecordAsync(
        FeatureStoreSession session, AuthorizedExport export, string destination, long rows, string? manifestPath, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var personal = export.PersonalFeatures;
        if (personal.Count > 0)
        {
            var entry = new AuditEntry(
                now,
                export.Principal!,
                AuditActions.OfflineExport,
                string.Join(",", personal.Select(f => f.Reference)),
                $"purpose: {export.Purpose}; output: {destination}; masked: {(export.Mask is null ? "no" : "yes")}",
                rows);
            await session.RecordAuditAsync([entry], cancellationToken).ConfigureAwait(false);
        }

        if (manifestPath is not null)
        {
            var actor = export.Principal ?? Environment.UserName;
            await session.RegistryStore.RecordTrainingSetAsync(session.Project, new TrainingSetRecord(Path.GetFullPath(manifestPath), now, actor, rows), cancellationToken)
                .ConfigureAwait(false);
        }
    }
}
