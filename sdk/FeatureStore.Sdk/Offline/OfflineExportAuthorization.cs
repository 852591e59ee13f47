using FeatureStore.Offline;
using FeatureStore.Registry.Access;
using FeatureStore.Registry.Model;
using FeatureStore.Registry.Storage;

namespace FeatureStore.Sdk.Offline;

/// <summary>
/// Decides, before any data is read, whether a training set may be exported: personal or sensitive features need an
/// authenticated principal whose offline grants cover every exported feature with its PII class, and a purpose; a repo
/// with <c>auth: {required: true}</c> needs the principal and grants for every export. API keys are never echoed.
/// </summary>
internal static class OfflineExportAuthorization
{
    public const string ApiKeyVariable = "FEATURESTORE_API_KEY";

    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.Unauthenticated"/>,
    /// <see cref="FeatureStoreErrorCode.PermissionDenied"/> or <see cref="FeatureStoreErrorCode.InvalidExport"/>,
    /// naming the features and what is missing.</exception>
    public static AuthorizedExport Authorize(RegistryState state, FeatureRepoConfig config, TrainingSetRequest request, HistoricalFeatureOptions options, DateTimeOffset now)
    {
        var features = ExportedFeature.Of(state.ToDefinitions(), request);
        var personal = features.Where(f => f.Pii != PiiClass.None).ToList();
        var purpose = string.IsNullOrWhiteSpace(options.Purpose) ? null : options.Purpose.Trim();
        var purposeMissing = personal.Count > 0 && purpose is null;
        var why = personal.Count > 0
            ? $"exporting personal or sensitive features {List(personal)}"
            : $"project '{config.Project}' requires authentication (auth: {{required: true}} in featurestore.yaml), so exporting a training set";
        string? principal = null;
        if (personal.Count > 0 || config.Auth.Required || options.Principal is not null || options.ApiKey is not null)
        {
            principal = Authenticate(state, options, why, purposeMissing, now);
            if (personal.Count > 0 || config.Auth.Required)
            {
                var denials = AccessPolicy.From(state).Check(principal, features.Select(f => (f.View, f.Feature)), AccessMode.Offline);
                if (denials.Count > 0)
                {
                    throw new FeatureStoreException(FeatureStoreErrorCode.PermissionDenied,
                        $"principal '{principal}' may not export {string.Join("; ", denials.Select(d => $"{d.Reference} ({PiiText(d.Pii)}): {d.Reason}"))}" +
                        "; ask for an offline grant (featurestore access grant --offline --pii CLASS)");
                }
            }
        }

        if (purposeMissing)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.InvalidExport, $"{why} needs a purpose: {PurposeHint}");
        }

        var mask = options.Mask
            ? new TrainingSetMask(personal.Select(f => f.Column).ToHashSet(StringComparer.Ordinal), MaskKeys.Resolve(options.MaskKey))
            : null;
        return new AuthorizedExport(principal, purpose, features, mask);
    }

    private const string PurposeHint = "give --purpose \"why\" (HistoricalFeatureOptions.Purpose from C#)";

    private static string Authenticate(RegistryState state, HistoricalFeatureOptions options, string why, bool purposeMissing, DateTimeOffset now)
    {
        var alsoPurpose = purposeMissing ? $"; a purpose is missing too: {PurposeHint}" : string.Empty;
        var token = options.ApiKey ?? (options.ApiKeyFromEnvironment ? Environment.GetEnvironmentVariable(ApiKeyVariable) : null);
        if (string.IsNullOrEmpty(token))
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Unauthenticated,
                $"{why} needs an authenticated principal: no API key was given (set {ApiKeyVariable}, or HistoricalFeatureOptions.ApiKey from C#){alsoPurpose}");
        }

        var principal = AccessPolicy.From(state).Authenticate(token, now)
            ?? throw new FeatureStoreException(FeatureStoreErrorCode.Unauthenticated,
                $"{why} needs an authenticated principal: the API key does not authenticate (malformed, unknown, revoked or expired){alsoPurpose}");
        if (options.Principal is { } expected && expected != principal)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Unauthenticated,
                $"the API key authenticates principal '{principal}', not '{expected}' (--principal)");
        }

        return principal;
    }

    private static string List(IEnumerable<ExportedFeature> features) =>
        string.Join(", ", features.Select(f => $"{f.Reference} ({PiiText(f.Pii)})"));

    private static string PiiText(PiiClass pii) => pii.ToString().ToLowerInvariant();
}
