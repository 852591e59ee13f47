using System.Diagnostics;

namespace FeatureStore.Streaming.Kafka.Tests.Kafka;

/// <summary>Debian's kcat as an independent producer: one message per line of input (<c>kcat -b BROKERS -t TOPIC -P</c>).</summary>
internal static class Kcat
{
    public static async Task ProduceAsync(string brokers, string topic, IEnumerable<string> lines, string? keyDelimiter = null)
    {
        var start = new ProcessStartInfo("kcat") { RedirectStandardInput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-b", brokers, "-t", topic, "-P" })
        {
            start.ArgumentList.Add(arg);
        }

        if (keyDelimiter is not null)
        {
            start.ArgumentList.Add("-K");
            start.ArgumentList.Add(keyDelimiter);
        }

        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("kcat is not installed: run deploy/install-test-deps.sh (or ./test.sh, which runs it)", e);
        }

        using (process)
        {
            foreach (var line in lines)
            {
                await process.StandardInput.WriteLineAsync(line);
            }

            process.StandardInput.Close();
            var error = process.StandardError.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(limit.Token);
            Assert.True(process.ExitCode == 0, $"kcat failed ({process.ExitCode}): {await error}");
        }
    }
}
