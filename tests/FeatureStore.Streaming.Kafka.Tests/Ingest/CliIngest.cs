using System.Diagnostics;

namespace FeatureStore.Streaming.Kafka.Tests.Ingest;

/// <summary>Runs <c>dotnet featurestore.dll ingest</c> as its own process (the CLI assembly sits beside the tests).</summary>
internal static class CliIngest
{
    public static Process Start(string repoDir, params string[] extra)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "featurestore.dll"), "ingest", "--repo", repoDir }.Concat(extra))
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException("could not start dotnet");
    }
}
