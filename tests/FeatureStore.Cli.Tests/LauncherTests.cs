using System.Diagnostics;

namespace FeatureStore.Cli.Tests;

/// <summary>
/// The ./featurestore launcher's staleness check, run on a copy of the script in a scratch tree: build outputs (bin/,
/// obj/) never trigger a rebuild, a changed source file does. The scratch CLI "dll" is not a real assembly, so the
/// test reads only whether the launcher announced a build.
/// </summary>
public sealed class LauncherTests : IDisposable
{
    private const string BuildingMessage = "building the featurestore CLI";
    private readonly string _root = Directory.CreateTempSubdirectory("launcher-").FullName;
    private readonly DateTime _built = DateTime.UtcNow.AddHours(-1);

    public LauncherTests()
    {
        File.Copy(Path.Combine(RepoRoot(), "featurestore"), Path.Combine(_root, "featurestore"));
        WriteAt(".build/cli/featurestore.dll", _built);
        WriteAt("sdk/FeatureStore.Sdk/Session.cs", _built.AddMinutes(-5));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Build_outputs_of_a_users_project_do_not_trigger_a_rebuild()
    {
        // What `dotnet build` of a user's project referencing the SDK leaves inside the repo's source folders.
        WriteAt("sdk/FeatureStore.Sdk/obj/Release/net10.0/FeatureStore.Sdk.AssemblyInfo.cs", DateTime.UtcNow);
        WriteAt("sdk/FeatureStore.Sdk/obj/FeatureStore.Sdk.csproj.nuget.g.props", DateTime.UtcNow);
        WriteAt("sdk/FeatureStore.Sdk/bin/Release/net10.0/Generated.cs", DateTime.UtcNow);

        var error = await RunLauncherAsync();

        Assert.DoesNotContain(BuildingMessage, error);
    }

    [Fact]
    public async Task A_changed_source_file_triggers_a_rebuild()
    {
        WriteAt("sdk/FeatureStore.Sdk/Session.cs", DateTime.UtcNow);

        var error = await RunLauncherAsync();

        Assert.Contains(BuildingMessage, error);
    }

    private void WriteAt(string relative, DateTime lastWriteUtc)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "// scratch\n");
        File.SetLastWriteTimeUtc(path, lastWriteUtc);
    }

    private async Task<string> RunLauncherAsync()
    {
        var info = new ProcessStartInfo("bash") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(_root, "featurestore"));
        info.ArgumentList.Add("--version");
        using var process = Process.Start(info)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return await error;
    }

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "FeatureStore.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("FeatureStore.sln not found above " + AppContext.BaseDirectory);
    }
}
