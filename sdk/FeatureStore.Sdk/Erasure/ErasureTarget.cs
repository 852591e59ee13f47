namespace FeatureStore.Sdk.Erasure;

/// <summary>
/// One entity to erase: a registered join key and its value. <see cref="Value"/> may be typed (<c>long</c>, <c>int</c>,
/// <c>string</c>, <c>byte[]</c>) or text parsed by the join key's declared type (integers in invariant culture, bytes as
/// base64).
/// </summary>
public sealed record ErasureTarget(string JoinKey, object Value)
{
    /// <summary>Reads <c>JOIN_KEY=VALUE</c> (the CLI's <c>--entity</c>); the value stays text until the key's type is known.</summary>
    /// <exception cref="FeatureStoreException"><see cref="FeatureStoreErrorCode.Erasure"/> when the text is not key=value.</exception>
    public static ErasureTarget Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0 || equals == text.Length - 1)
        {
            throw new FeatureStoreException(FeatureStoreErrorCode.Erasure, $"entity '{text}' is not JOIN_KEY=VALUE (like customer_id=C123)");
        }

        return new ErasureTarget(text[..equals].Trim(), text[(equals + 1)..]);
    }
}
