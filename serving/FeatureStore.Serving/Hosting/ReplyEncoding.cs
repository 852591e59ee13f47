namespace FeatureStore.Serving.Hosting;

/// <summary>How GetOnlineFeatures replies are serialized; both give the same bytes to a protobuf parser.</summary>
public enum ReplyEncoding
{
    /// <summary>Encoded straight from the store's rows by a custom response marshaller (no message objects).</summary>
    Direct,

    /// <summary>Built as generated GetOnlineFeaturesResponse messages and serialized by the generated marshaller.</summary>
    Generated,
}
