using System.Diagnostics;
using System.Text;
using FeatureStore.Offline;
using FeatureStore.OfflineServing.Flight;
using FeatureStore.Sdk;
using FeatureStore.Sdk.Flight;
using FeatureStore.Sdk.Offline;
using Microsoft.Extensions.Logging;

namespace FeatureStore.OfflineServing.Results;

/// <summary>
/// Builds training sets with the session (the path of <c>get-historical-features</c>) and keeps them under tickets; the
/// one long-lived state of the server (the Flight service itself is created per call).
/// </summary>
internal sealed class OfflineTrainingSets(FeatureStoreSession session, TrainingSetResults results, int targetBatchBytes, ILogger logger)
{
    /// <summary>How a kept result is recorded as the manifest's output: this prefix, then the ticket.</summary>
    public const string OutputPrefix = "flight:";

    public FeatureStoreSession Session => session;

    public TrainingSetResults Results => results;

    public int TargetBatchBytes => targetBatchBytes;

    public ILogger Logger => logger;

    /// <summary>
    /// Builds the training set for the caller holding <paramref name="apiKey"/> (the call's bearer token, or null): the
    /// session checks principal, grants and purpose before reading data, and audits exports of personal or sensitive features.
    /// </summary>
    /// <exception cref="FeatureStoreException">An unknown service, view or feature (NotFound), a refused export
    /// (Unauthenticated, PermissionDenied, InvalidExport), or a request or spine the engine refuses.</exception>
    public async Task<KeptTrainingSet> BuildAsync(Spine spine, OfflineFlightRequest request, string? apiKey, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        FeatureServiceFlights.CheckNames(request, (await session.ListAsync(cancellationToken).ConfigureAwait(false)).Definitions);
        var ticket = TrainingSetResults.NewTicket();
        var options = request.ToOptions() with { ApiKey = apiKey, ExportDestination = OutputPrefix + ticket };
        var job = request.FeatureService is { } service
            ? session.GetHistoricalFeaturesForService(spine, service, options)
            : session.GetHistoricalFeatures(spine, request.Features, options);
        var table = await job.ExecuteAsync(cancellationToken).ConfigureAwait(false);

        // A stream is not a file: the output is recorded by ticket, without a size or content hash.
        var manifest = table.ManifestFor(new FileFingerprint(OutputPrefix + ticket, 0, DateTimeOffset.UtcNow, string.Empty));
        var kept = new KeptTrainingSet(
            ticket, table, FlightBatches.Schema(table.Schema), Encoding.UTF8.GetBytes(ManifestJson.Serialize(manifest)), results.ExpiryOfNew(), KeptTrainingSet.DigestOf(apiKey));
        results.Keep(kept);
        OfflineServingLog.Built(logger, ticket, table.RowCount, watch.Elapsed.TotalSeconds, spine.Description);
        return kept;
    }
}
