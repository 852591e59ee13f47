namespace FeatureStore.Parquet.Writing;

/// <summary>
/// Decides early whether a column chunk's dictionary is worth building. Without it, a high-cardinality column (ids,
/// timestamps, continuous features) builds a dictionary until it passes the size limit and only then falls back to PLAIN,
/// paying for hashing every value twice. After <see cref="SampleValues"/> values, a dictionary holding more than
/// <see cref="MaxDistinctShare"/> of them mostly copies the data; such a chunk switches to PLAIN (values already written stay
/// dictionary-encoded, exactly like the size-limit fallback).
/// </summary>
internal sealed class DictionaryTrial
{
    /// <summary>Large enough that a column of up to ~160k distinct values per chunk still shows repeats in the sample.</summary>
    public const int SampleValues = 32_768;

    public const double MaxDistinctShare = 0.9;

    private bool _decided;

    /// <summary>
    /// Call after values are added in dictionary mode: true once (at the sample size) when the dictionary should be dropped.
    /// </summary>
    public bool ShouldGiveUp(long valuesSeen, int distinct)
    {
        if (_decided || valuesSeen < SampleValues)
        {
            return false;
        }

        _decided = true;
        return distinct > valuesSeen * MaxDistinctShare;
    }
}
