using System.Runtime.InteropServices;

namespace FeatureStore.Streaming.Kafka.Consuming;

/// <summary>
/// Runs work on a thread of its own at a lower scheduling priority (Linux niceness 10): on a small machine the Parquet
/// encoding of an offline append then takes the CPU that the consume loop, the online store and the broker leave, instead
/// of delaying the next micro-batch. Elsewhere, or when the system refuses, the thread keeps the normal priority.
/// </summary>
internal static partial class BackgroundPriority
{
    private const int PriorityOfProcess = 0;
    private const int Niceness = 10;

    /// <summary>Runs <paramref name="work"/> on a new low-priority thread; the task's continuations run on the thread pool, not on it.</summary>
    public static Task<T> Run<T>(string name, Func<T> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            Lower();
            try
            {
                done.SetResult(work());
            }
            catch (Exception e)
            {
                done.SetException(e);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return done.Task;
    }

    private static void Lower()
    {
        if (OperatingSystem.IsLinux())
        {
            // With PRIO_PROCESS, Linux takes a thread id and sets that thread alone.
            _ = SetPriority(PriorityOfProcess, GetThreadId(), Niceness);
        }
    }

    [LibraryImport("libc", EntryPoint = "setpriority")]
    private static partial int SetPriority(int which, int who, int priority);

    [LibraryImport("libc", EntryPoint = "gettid")]
    private static partial int GetThreadId();
}
