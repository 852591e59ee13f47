using System.Diagnostics;
using System.Globalization;
using FeatureStore.Registry.Storage;
using FeatureStore.Serving.Access;
using FeatureStore.Serving.Metrics;
using FeatureStore.Serving.Snapshot;

namespace FeatureStore.Benchmarks;

/// <summary>
/// What <c>auth: {required: true}</c> adds to one GetOnlineFeatures call, measured on the server's own access step
/// (<see cref="ServingAccess"/>) over the benchmark's registry snapshot: principal from the bearer key, the feature
/// service's plan, the principal's cached access to it. The same step without a key (auth off) runs in alternating
/// batches; the difference is the cost, set against the mean server call time of the 1-entity closed-loop profile.
/// </summary>
internal static class ServingAuthCost
{
    private const int Batches = 20;
    private const int CallsPerBatch = 100_000;

    public static async Task PrintAsync(IRegistryStore registry, string project, string token, double serverCallMs)
    {
        var snapshot = RegistrySnapshotBuilder.Build(await registry.LoadAsync(project).ConfigureAwait(false), new ServingMetrics());
        var on = new ServingAccess(required: true, new OnlineReadAudit());
        var off = new ServingAccess(required: false, new OnlineReadAudit());
        var header = "Bearer " + token;
        var now = DateTimeOffset.UtcNow;
        if (on.Principal(snapshot, header, now) != ServingBenchAccess.Principal)
            throw new InvalidOperationException("auth cost: the benchmark key did not authenticate as " + ServingBenchAccess.Principal);

        var withKey = new List<double>();
        var withoutKey = new List<double>();
        for (var batch = 0; batch < Batches; batch++)
        {
            withKey.Add(NanosecondsPerCall(() => on.ForPlan(snapshot, snapshot.ServicePlan(ServingBenchData.Service), on.Principal(snapshot, header, now))));
            withoutKey.Add(NanosecondsPerCall(() => off.ForPlan(snapshot, snapshot.ServicePlan(ServingBenchData.Service), off.Principal(snapshot, null, now))));
        }

        // Medians over the batches: the first batches include JIT tiering, a batch may catch a GC or another process.
        var cost = Median(withKey) - Median(withoutKey);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"auth cost per call (server access step, median of {Batches} alternating batches of {CallsPerBatch:N0}): with key {Median(withKey):F0} ns, " +
            $"without {Median(withoutKey):F0} ns, difference {cost:F0} ns = {cost / (serverCallMs * 1e6):P2} of direct's mean server call at 1 entity ({serverCallMs:F3} ms; target at most 5 %)"));
    }

    private static double NanosecondsPerCall(Func<PlanAccess> call)
    {
        var start = Stopwatch.GetTimestamp();
        for (var i = 0; i < CallsPerBatch; i++)
            call();
        return Stopwatch.GetElapsedTime(start).TotalNanoseconds / CallsPerBatch;
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return (sorted[(sorted.Count - 1) / 2] + sorted[sorted.Count / 2]) / 2;
    }
}
