using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Apache.Arrow.Compression;
using Apache.Arrow.Ipc;
using FeatureStore.Cli;
using FeatureStore.Client.Tests;
using FeatureStore.Offline;
using FeatureStore.Parquet.Tests.Interop;
using FeatureStore.Sdk.Tests.Session;

namespace FeatureStore.Sdk.Tests.Docs;

/// <summary>
/// docs/csharp-end-to-end.md cannot rot: its code blocks become a new console project referencing only the packed
/// FeatureStore.Sdk package (from a local feed of the repo's packages), which is built and run against a fresh
/// <c>featurestore init feature_repo</c>, as the page tells a user to do. The run must print what the page shows, and the
/// training-set and online values it prints must be those of the sample's Parquet history.
/// </summary>
[Collection(DocsCollection.Name)]
public sealed partial class EndToEndPageTests(PackedSdkFeed feed)
{
    private const string PageName = "csharp-end-to-end.md";
    private const string ProjectName = "RidesFeatures";

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_csharp_end_to_end_page_builds_against_the_packed_sdk_and_runs_as_shown()
    {
        var blocks = MarkdownCodeBlocks.Read(Path.Combine(RepoPaths.Root, "docs", PageName));

        // The page's instructions: its pack loop makes the feed, and the version it adds is the one packed.
        var shell = string.Join('\n', blocks.Where(b => b.Language == "sh").Select(b => b.Code));
        Assert.All(PackedSdkFeed.Projects, project => Assert.Contains(Path.GetDirectoryName(project)!, shell, StringComparison.Ordinal));
        Assert.Contains($"dotnet add package FeatureStore.Sdk --version {feed.Version}", shell, StringComparison.Ordinal);

        // The console project: the page's project file (FeatureStore.Sdk and nothing else) and its C# as Program.cs.
        var project = feed.NewFolder(ProjectName);
        var projectFile = XDocument.Parse(blocks.First(b => b.Language == "xml").Code);
        Assert.Equal([("FeatureStore.Sdk", feed.Version)], projectFile.Descendants("PackageReference").Select(r => ((string)r.Attribute("Include")!, (string)r.Attribute("Version")!)));
        Assert.Empty(projectFile.Descendants("ProjectReference"));
        projectFile.Save(Path.Combine(project, ProjectName + ".csproj"));
        await File.WriteAllTextAsync(Path.Combine(project, "Program.cs"), PageProgram.Assemble(blocks));
        await feed.BuildAsync(project);

        // `featurestore init feature_repo` next to the project, then `dotnet run -- ../feature_repo`.
        var repo = Path.Combine(Path.GetDirectoryName(project)!, "feature_repo");
        using (var initOutput = new StringWriter())
        using (var initError = new StringWriter())
        {
            Assert.True(await CliApp.RunAsync(["init", repo], initOutput, initError) == 0, initError.ToString());
        }

        var (exit, output) = await DotnetCli.RunAsync(project, RunTimeout, Path.Combine("bin", "Release", "net10.0", ProjectName + ".dll"), "../feature_repo");
        Assert.True(exit == 0, $"the program failed (exit code {exit}):\n{output}");
        var printed = output.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');

        AssertPrintsWhatThePageShows(blocks, printed);
        AssertValuesMatchTheHistory(printed, new DriverStatsOracle(repo));
        AssertFilesWritten(project);
    }

    /// <summary>The output, line by line, is the page's output block; digits are masked (times, values and sizes change).</summary>
    private static void AssertPrintsWhatThePageShows(IReadOnlyList<MarkdownCodeBlock> blocks, string[] printed)
    {
        var shown = Assert.Single(blocks, b => b.Marker == "output").Code.Split('\n');
        for (var i = 0; i < Math.Max(shown.Length, printed.Length); i++)
        {
            var expected = i < shown.Length ? Digits().Replace(shown[i], "N") : "(end of the page's output)";
            var actual = i < printed.Length ? Digits().Replace(printed[i], "N") : "(end of the program's output)";
            Assert.True(expected == actual, $"line {i + 1} of the output differs from {PageName}:\n  page:    {expected}\n  program: {actual}\nwhole output:\n{string.Join('\n', printed)}");
        }
    }

    /// <summary>Each printed training-set row and the online value of driver 1001 are what the Parquet history says.</summary>
    private static void AssertValuesMatchTheHistory(string[] printed, DriverStatsOracle oracle)
    {
        var trainingRows = printed.Select(line => TrainingLine().Match(line)).Where(m => m.Success).ToList();
        Assert.Equal(4, trainingRows.Count);
        foreach (var row in trainingRows)
        {
            var driver = long.Parse(row.Groups["driver"].Value, CultureInfo.InvariantCulture);
            var at = DateTimeOffset.Parse(row.Groups["at"].Value, CultureInfo.InvariantCulture);
            AssertValue(oracle.AsOf(driver, at), row, $"training row of driver {driver} at {at:O}");
        }

        var online = Assert.Single(printed.Select(line => OnlineLine().Match(line)), m => m.Success && m.Groups["driver"].Value == "1001");
        Assert.Equal("PRESENT", online.Groups["status"].Value);
        var eventTime = DateTimeOffset.Parse(online.Groups["event"].Value, CultureInfo.InvariantCulture);
        AssertValue(oracle.AsOf(1001, eventTime), online, $"online value of driver 1001 (event {eventTime:O})");
    }

    private static void AssertValue((FeatureStatus Status, float? ConvRate) expected, Match printed, string what)
    {
        Assert.True(expected.Status.Name() == printed.Groups["status"].Value, $"{what}: status {printed.Groups["status"].Value}, the history says {expected.Status.Name()}");
        if (expected.ConvRate is { } value)
        {
            var shown = double.Parse(printed.Groups["value"].Value, CultureInfo.InvariantCulture);
            Assert.True(Math.Abs(shown - value) < 1e-6, $"{what}: conv_rate {shown}, the history says {value}");
        }
        else
        {
            Assert.Equal("-", printed.Groups["value"].Value);
        }
    }

    /// <summary>train.parquet with its manifest, train.arrow as a zstd Arrow IPC file of 4 rows in batches of 2, and no cancelled.parquet.</summary>
    private static void AssertFilesWritten(string project)
    {
        Assert.True(File.Exists(Path.Combine(project, "train.parquet")));
        Assert.True(File.Exists(Path.Combine(project, "train.parquet.manifest.json")));
        Assert.False(File.Exists(Path.Combine(project, "cancelled.parquet")));
        using var arrow = File.OpenRead(Path.Combine(project, "train.arrow"));
        using var reader = new ArrowFileReader(arrow, new CompressionCodecFactory());
        var rows = new List<int>();
        while (reader.ReadNextRecordBatch() is { } batch)
        {
            using (batch)
            {
                rows.Add(batch.Length);
            }
        }

        Assert.Equal([2, 2], rows);
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^driver (?<driver>\d+) at (?<at>\S+): conv_rate (?<value>\S+) (?<status>[A-Z_]+)$")]
    private static partial Regex TrainingLine();

    [GeneratedRegex(@"^online (?<driver>\d+): conv_rate (?<value>\S+) (?<status>[A-Z_]+), event (?<event>\S+),")]
    private static partial Regex OnlineLine();
}
