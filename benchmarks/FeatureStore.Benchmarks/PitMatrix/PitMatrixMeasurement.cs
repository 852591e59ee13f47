namespace FeatureStore.Benchmarks.PitMatrix;

/// <summary>One measured run of a command: wall seconds, user and system CPU seconds, peak RSS, minor and major page faults.</summary>
internal sealed record PitMatrixMeasurement(double Wall, double User, double Sys, long RssKb, long MinorFaults, long MajorFaults)
{
    public double Cpu => User + Sys;

    public double RssMb => RssKb / 1024.0;

    /// <summary>The faster run (its CPU and faults with it), with the highest peak RSS of both: noise only makes runs slower, memory is a ceiling.</summary>
    public static PitMatrixMeasurement Best(PitMatrixMeasurement? best, PitMatrixMeasurement run) =>
        best is null ? run : (run.Wall < best.Wall ? run : best) with { RssKb = Math.Max(run.RssKb, best.RssKb) };
}
