using System.Diagnostics;
namespace FeatureStore.Serving.Tests;
public sealed class InteropZzDiag
{
    [Fact]
    public async Task Lines()
    {
        var clock = Stopwatch.StartNew();
        await using var p = new InteropProcess("node", new ProcessStartInfo("node", ["-e", "require(\"fs\").writeSync(1, JSON.stringify({a:1}) + \"\\n\"); setTimeout(()=>{},5000)"]));
        await p.ReadLineAsync(TimeSpan.FromSeconds(30));
        Assert.Fail($"first line after {clock.Elapsed}");
    }
}
