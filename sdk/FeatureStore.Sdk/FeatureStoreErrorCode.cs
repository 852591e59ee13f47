namespace FeatureStore.Sdk;

/// <summary>What kind of problem a <see cref="FeatureStoreException"/> reports.</summary>
public enum FeatureStoreErrorCode
{
    /// <summary>The feature repo folder or its featurestore.yaml does not exist.</summary>
    RepoNotFound,

    /// <summary>Definitions (C# or YAML) or featurestore.yaml break a rule; <see cref="FeatureStoreException.Problems"/> lists each.</summary>
    InvalidDefinitions,

    /// <summary>Definitions are for another project than the one featurestore.yaml names.</summary>
    ProjectMismatch,

    /// <summary>A data source's Parquet files lack a column the definitions read, or hold it in a type that cannot feed the declared one.</summary>
    InvalidSourceData,

    /// <summary>An apply would make breaking changes that were neither version-bumped nor allowed; nothing was written.</summary>
    BreakingChange,

    /// <summary>Another apply landed while this one was prepared; plan and apply again.</summary>
    RegistryConflict,

    /// <summary>The registry store cannot be opened or reached.</summary>
    RegistryUnavailable,

    /// <summary>The registry holds no object of that name.</summary>
    NotFound,

    /// <summary>A spine cannot be built from what was given (an unsupported property type, an Arrow type without counterpart).</summary>
    InvalidSpine,

    /// <summary>A training set request the engine refused (unknown reference, bad spine column, unreadable source).</summary>
    TrainingSet,

    /// <summary>A materialization that cannot run as asked (nothing applied, an end in the future, an unknown view).</summary>
    Materialization,

    /// <summary>A materialization ran but some views failed (see <see cref="MaterializationFailedException.Summary"/>).</summary>
    MaterializationFailed,

    /// <summary>The online store cannot be reached or failed mid-call.</summary>
    OnlineStoreUnavailable,

    /// <summary>An online read the registry or the store cannot answer as asked (unknown feature, wrong entity column or type).</summary>
    InvalidOnlineRequest,

    /// <summary>Rows cannot be mapped onto the requested type (a null into a non-nullable property, incompatible types).</summary>
    InvalidRowType,

    /// <summary>Streamed or pushed records the ingestion path refused (nothing applied, an unknown view, a source that
    /// takes no pushes, a bad row); <see cref="FeatureStoreException.Problems"/> lists each bad row. Nothing was written.</summary>
    Ingestion,

    /// <summary>An erasure that cannot run as asked (a value that does not parse as its join key's type, a source file it
    /// cannot read or rewrite); files already rewritten stay clean and a re-run finishes the job.</summary>
    Erasure,

    /// <summary>An export that needs a principal got no API key, or one that does not authenticate (unknown, revoked, expired, another principal).</summary>
    Unauthenticated,

    /// <summary>The principal holds no grant covering a requested feature in that mode, or the feature's PII class is above the grant's.</summary>
    PermissionDenied,

    /// <summary>An export of personal or sensitive features without a purpose, or a mask without a usable key.</summary>
    InvalidExport,

    /// <summary>An access key or grant request the registry refuses: a principal name of the wrong shape, an expiry
    /// that is not in the future, a grant for neither online nor offline, a malformed key id.</summary>
    InvalidAccessRequest,
}
