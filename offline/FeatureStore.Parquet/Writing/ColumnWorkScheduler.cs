using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace FeatureStore.Parquet.Writing;

/// <summary>
/// Runs one piece of work per column, on up to <see cref="ParquetWriteOptions.MaxDegreeOfParallelism"/> threads.
/// Each column's chunk writer owns all of its state, so columns never share data and the bytes they produce do not
/// depend on which thread ran them. Columns start in order of their measured cost so far, most expensive first, which
/// keeps one slow column (say a list of floats) from starting last and leaving the other cores idle.
/// </summary>
internal sealed class ColumnWorkScheduler
{
    /// <summary>Below this many rows per call the fork/join overhead outweighs the work: run on the calling thread.</summary>
    private const int ParallelMinRows = 4096;

    private readonly int _maxDegree;
    private readonly long[] _costTicks;
    private readonly int[] _order;
    private readonly ExceptionDispatchInfo?[] _failures;

    public ColumnWorkScheduler(int columnCount, int maxDegreeOfParallelism)
    {
        _maxDegree = Math.Min(maxDegreeOfParallelism, columnCount);
        _costTicks = new long[columnCount];
        _order = new int[columnCount];
        _failures = new ExceptionDispatchInfo?[columnCount];
    }

    /// <summary>
    /// Runs <paramref name="work"/> for every column. Returns the lowest-numbered failing column and its error, or null.
    /// Sequentially, the first failure stops the loop; in parallel, the remaining columns still run (the file is failed anyway).
    /// </summary>
    public (int Column, ExceptionDispatchInfo Error)? Run(int rows, Action<int> work)
    {
        if (_maxDegree <= 1 || rows < ParallelMinRows)
        {
            return RunSequential(work);
        }

        Array.Clear(_failures);
        for (var c = 0; c < _order.Length; c++)
        {
            _order[c] = c;
        }

        Array.Sort(_order, (a, b) => _costTicks[b].CompareTo(_costTicks[a]));
        var next = -1;
        Parallel.For(0, _maxDegree, new ParallelOptions { MaxDegreeOfParallelism = _maxDegree }, _ =>
        {
            int slot;
            while ((slot = Interlocked.Increment(ref next)) < _order.Length)
            {
                RunTimed(_order[slot], work);
            }
        });

        for (var c = 0; c < _failures.Length; c++)
        {
            if (_failures[c] is { } failure)
            {
                return (c, failure);
            }
        }

        return null;
    }

    private (int Column, ExceptionDispatchInfo Error)? RunSequential(Action<int> work)
    {
        for (var c = 0; c < _costTicks.Length; c++)
        {
            try
            {
                work(c);
            }
            catch (Exception ex)
            {
                return (c, ExceptionDispatchInfo.Capture(ex));
            }
        }

        return null;
    }

    private void RunTimed(int column, Action<int> work)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            work(column);
        }
        catch (Exception ex)
        {
            _failures[column] = ExceptionDispatchInfo.Capture(ex);
        }

        _costTicks[column] += Stopwatch.GetTimestamp() - started;
    }
}
