using System.Globalization;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// One-line reports of trouble and recovery for one source. A trouble is reported when it starts (and again when its
/// text changes); the recovery is reported once when the next step succeeds.
/// </summary>
internal sealed class Reporter(TextWriter writer, string source)
{
    private readonly Lock gate = new();
    private string? trouble;

    /// <summary>While true (the start's reachability check, which fails with its own error), troubles are not written.</summary>
    public bool Muted
    {
        get => Volatile.Read(ref muted);
        set => Volatile.Write(ref muted, value);
    }

    private bool muted;

    public void Trouble(string text)
    {
        lock (gate)
        {
            if (trouble == text || Muted)
            {
                return;
            }

            trouble = text;
            Write($"warning: source '{source}': {text}");
        }
    }

    public void Recovered()
    {
        lock (gate)
        {
            if (trouble is null)
            {
                return;
            }

            trouble = null;
            Write($"source '{source}': recovered, ingesting again");
        }
    }

    public void Info(string text) => Write($"source '{source}': {text}");

    private void Write(string line)
    {
        lock (writer)
        {
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTimeOffset.UtcNow:HH:mm:ss} {line}"));
            writer.Flush();
        }
    }
}
