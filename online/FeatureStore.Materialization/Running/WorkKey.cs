using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FeatureStore.Materialization.Running;

/// <summary>
/// Identifies a view's work in a run by what decides its result: view name and version, window bounds, source files
/// (path, length, last write), partition count and spill bucket count (partitions are cut within buckets). A re-run of the same request over unchanged files gets the same key,
/// so it can skip the partitions recorded done; anything else gets a new key and runs in full.
/// </summary>
internal static class WorkKey
{
    public static string Of(ViewRunPlan plan, string sourceFingerprint, int partitions, int spillBuckets)
    {
        var w = plan.Window;
        var layout = spillBuckets > 1
            ? string.Create(CultureInfo.InvariantCulture, $"{partitions} in {spillBuckets} buckets")
            : partitions.ToString(CultureInfo.InvariantCulture);
        var text = string.Join('\n',
            plan.View.Name, plan.View.Version.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"{w.EventStart} {w.EventEnd} {w.CreatedStart} {w.CreatedEnd} {layout}"),
            sourceFingerprint);
        return plan.Key + ":" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }
}
