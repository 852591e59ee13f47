using FeatureStore.Online;
using FeatureStore.Serving.Snapshot;

namespace FeatureStore.Serving.Features;

/// <summary>What one GetOnlineFeatures call read: the plan, the store's rows, and the request time TTLs are judged at.</summary>
internal readonly record struct FeatureRead(ReadPlan Plan, OnlineReadResult Result, int RowCount, long NowTicks, bool FullFeatureNames);
