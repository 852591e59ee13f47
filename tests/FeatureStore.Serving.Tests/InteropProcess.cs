using System.Diagnostics;
using System.Text.Json;

namespace FeatureStore.Serving.Tests;

/// <summary>
/// One running interop client: its JSON lines can be read while it runs (so a test can act between two of them),
/// then <see cref="FinishAsync"/> returns the last one. Disposing kills a client that is still running.
/// </summary>
internal sealed class InteropProcess : IAsyncDisposable
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private readonly string client;
    private readonly Process process;
    private readonly Task<string> error;

    public InteropProcess(string client, ProcessStartInfo start)
    {
        this.client = client;
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        process = Process.Start(start) ?? throw new InvalidOperationException($"cannot start {start.FileName}");
        error = process.StandardError.ReadToEndAsync();
    }

    /// <summary>The next line the client prints, within <paramref name="timeout"/>.</summary>
    public async Task<JsonElement> ReadLineAsync(TimeSpan timeout)
    {
        using var limit = new CancellationTokenSource(timeout);
        var line = await process.StandardOutput.ReadLineAsync(limit.Token);
        if (line is null)
        {
            Assert.Fail($"{client} client ended before printing a line ({await ExitAsync()}): {await error}");
        }

        return JsonDocument.Parse(line).RootElement;
    }

    /// <summary>Waits for the client to exit successfully and returns the last line it printed.</summary>
    public async Task<JsonElement> FinishAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        var text = (await process.StandardOutput.ReadToEndAsync(limit.Token)).Trim();
        var exitCode = await ExitAsync();
        if (exitCode != 0 || text.Length == 0)
        {
            Assert.Fail($"{client} client failed ({exitCode}): {await error}");
        }

        return JsonDocument.Parse(text.Split('\n')[^1]).RootElement;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    private async Task<int> ExitAsync()
    {
        using var limit = new CancellationTokenSource(Limit);
        await process.WaitForExitAsync(limit.Token);
        return process.ExitCode;
    }
}
