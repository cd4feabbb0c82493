// Splits sink files into chunks (large files at line boundaries) and scans them on every core. Each chunk yields
// its own partial result, merged in chunk order, so a report does not depend on which thread read what. Rows a
// chunk cannot use are reported with their absolute line number once the chunks before it have counted theirs.
using System.Runtime.ExceptionServices;

namespace ZosTelemetry.Store;

/// <summary>A byte range of one sink file; the reader starts at the first line that begins inside it.</summary>
internal sealed record ScanChunk(int Index, int FileIndex, string Path, long From, long To, bool IsLastOfFile);

/// <summary>What one chunk read: its line count and the rows it skipped (with chunk-relative line numbers).</summary>
internal sealed class ChunkReport
{
    public long Lines { get; set; }

    public List<(long Line, string Reason)> Skipped { get; } = new();
}

internal static class ParallelScan
{
    /// <summary>Chunk size: big enough that opening and scheduling cost nothing, small enough to keep both cores busy.</summary>
    public const long DefaultChunkBytes = 8L << 20;

    public static int Workers { get; } = Math.Max(1, Environment.ProcessorCount);

    public static List<ScanChunk> Split(IReadOnlyList<string> paths, long chunkBytes = DefaultChunkBytes)
    {
        var chunks = new List<ScanChunk>();
        for (int f = 0; f < paths.Count; f++)
        {
            long length;
            try
            {
                length = new FileInfo(paths[f]).Length;
            }
            catch (FileNotFoundException)
            {
                continue;
            }

            int parts = (int)Math.Max(1, Math.Min(int.MaxValue / 2, (length + chunkBytes - 1) / chunkBytes));
            for (int i = 0; i < parts; i++)
            {
                // The last chunk is open-ended: rows appended while we scan are read, as a sequential reader would.
                long from = length * i / parts, to = i == parts - 1 ? long.MaxValue : length * (i + 1) / parts;
                chunks.Add(new ScanChunk(chunks.Count, f, paths[f], from, to, i == parts - 1));
            }
        }

        return chunks;
    }

    /// <summary>Chunks of the lines of one file that begin in [from, to), with fixed ends.</summary>
    public static List<ScanChunk> SplitRange(string path, long from, long to, long chunkBytes = DefaultChunkBytes)
    {
        var chunks = new List<ScanChunk>();
        long length = to - from;
        int parts = (int)Math.Max(1, Math.Min(int.MaxValue / 2, (length + chunkBytes - 1) / chunkBytes));
        for (int i = 0; i < parts; i++)
        {
            chunks.Add(new ScanChunk(i, 0, path, from + (length * i / parts), from + (length * (i + 1) / parts), i == parts - 1));
        }

        return chunks;
    }

    /// <summary>
    /// Chunks of the lines of one file that begin in [from, to), cut at the multiples of chunkBytes, so that a fold of
    /// the file and a fold resumed after an append see the same slices; the last chunk (the one that holds to) is
    /// always there, if empty.
    /// </summary>
    public static List<ScanChunk> SplitFixed(string path, long from, long to, long chunkBytes)
    {
        var chunks = new List<ScanChunk>();
        for (long j = from / chunkBytes, last = to / chunkBytes; j <= last; j++)
        {
            chunks.Add(new ScanChunk(chunks.Count, 0, path, Math.Max(from, j * chunkBytes), Math.Min(to, (j + 1) * chunkBytes), j == last));
        }

        return chunks;
    }

    /// <summary>Runs work on every chunk, on all cores, and returns the results in chunk order.</summary>
    public static TResult[] Map<TResult>(IReadOnlyList<ScanChunk> chunks, Func<ScanChunk, TResult> work)
    {
        var results = new TResult[chunks.Count];
        if (chunks.Count <= 1 || Workers == 1)
        {
            for (int i = 0; i < chunks.Count; i++)
            {
                results[i] = work(chunks[i]);
            }

            return results;
        }

        try
        {
            Parallel.For(0, chunks.Count, new ParallelOptions { MaxDegreeOfParallelism = Workers }, i => results[i] = work(chunks[i]));
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }

        return results;
    }

    /// <summary>
    /// Runs work on the chunks with a bounded look-ahead and yields the results in chunk order as soon as each is
    /// ready, so a consumer sees the first result while later chunks are still being read.
    /// </summary>
    public static IEnumerable<TResult> MapOrdered<TResult>(IReadOnlyList<ScanChunk> chunks, Func<ScanChunk, TResult> work)
    {
        if (chunks.Count <= 1 || Workers == 1)
        {
            foreach (var chunk in chunks)
            {
                yield return work(chunk);
            }

            yield break;
        }

        var pending = new Queue<Task<TResult>>();
        int next = 0;
        try
        {
            while (next < chunks.Count || pending.Count > 0)
            {
                while (next < chunks.Count && pending.Count < Workers + 1)
                {
                    var chunk = chunks[next++];
                    pending.Enqueue(Task.Run(() => work(chunk)));
                }

                var head = pending.Dequeue();
                TResult result;
                try
                {
                    result = head.GetAwaiter().GetResult();
                }
                catch (Exception ex)
                {
                    ExceptionDispatchInfo.Capture(ex).Throw();
                    throw;
                }

                yield return result;
            }
        }
        finally
        {
            // Abandoned early (Select-Object -First, an error): let the chunks in flight finish, unobserved.
            foreach (var task in pending)
            {
                task.ContinueWith(static t => _ = t.Exception, TaskScheduler.Default);
            }
        }
    }

    /// <summary>
    /// Reads the lines of a chunk and hands each non-blank one to the row handler, which returns null when it used the
    /// row or the reason it could not. A missing file reads as empty (it was pruned between listing and opening).
    /// </summary>
    public static ChunkReport ReadLines(ScanChunk chunk, LineHandler handle)
    {
        var report = new ChunkReport();
        JsonlReader reader;
        try
        {
            reader = new JsonlReader(chunk.Path, chunk.From, chunk.To);
        }
        catch (FileNotFoundException)
        {
            return report;
        }

        using (reader)
        {
            while (reader.TryReadLine(out var line))
            {
                if (line.IsEmpty || line.Trim(" \t"u8).IsEmpty)
                {
                    continue;
                }

                string? reason = handle(line, reader.LineOffset);
                if (reason is not null)
                {
                    report.Skipped.Add((reader.LineNumber, reader.LastLineUnterminated ? "torn last line (a writer stopped mid-row): " + reason : reason));
                }
            }

            report.Lines = reader.LineNumber;
        }

        return report;
    }

    /// <summary>Turns the chunk reports' skipped rows into warnings with absolute line numbers, in file order.</summary>
    public static void Warn(IReadOnlyList<ScanChunk> chunks, IReadOnlyList<ChunkReport> reports, Action<StoreWarning>? warn)
    {
        var lineBase = new LineNumbering();
        for (int i = 0; i < chunks.Count; i++)
        {
            lineBase.Report(chunks[i], reports[i], warn);
        }
    }

    internal delegate string? LineHandler(ReadOnlySpan<byte> line, long offset);
}

/// <summary>Keeps the running line count per file while chunk reports arrive in chunk order.</summary>
internal sealed class LineNumbering
{
    private int file = -1;
    private long before;

    public void Report(ScanChunk chunk, ChunkReport report, Action<StoreWarning>? warn)
    {
        if (chunk.FileIndex != file)
        {
            file = chunk.FileIndex;
            before = 0;
        }

        if (warn is not null)
        {
            foreach (var (line, reason) in report.Skipped)
            {
                warn(new StoreWarning(chunk.Path, before + line, reason));
            }
        }

        before += report.Lines;
    }
}
