// Forward-only reader of a log file's lines from a byte offset, telling where each line starts and whether it was
// terminated, so that an import can remember exactly where it stopped. Lines are spans of an internal buffer,
// valid until the next read; the buffer grows to the longest line and no whole file is held in memory.
using System.Buffers;
using System.Runtime.CompilerServices;

namespace ZosTelemetry.Import;

internal sealed class LogLineReader : IDisposable
{
    private const int InitialBufferSize = 256 * 1024;

    private readonly FileStream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool eof;
    private long bufferOffset; // file offset of buffer[0]
    private readonly long limit;

    /// <summary>Reads from <paramref name="offset"/> to the end of the file, or to <paramref name="limit"/>: a piece of a
    /// large file parsed apart from the rest ends where the next piece's first line starts.</summary>
    public LogLineReader(string path, long offset, long limit = long.MaxValue)
    {
        // Opened as the store opens its own files: a link or a pipe swapped in after the import listed the folder is
        // refused (NotRegularFileException), never followed or waited on.
        stream = Store.StoreFileGuard.OpenRead(path, FileOptions.SequentialScan);
        stream.Seek(offset, SeekOrigin.Begin);
        bufferOffset = offset;
        this.limit = limit;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>File offset of the first byte of the line last returned.</summary>
    public long LineStart { get; private set; }

    /// <summary>File offset just past the line last returned and its newline.</summary>
    public long LineEnd { get; private set; }

    /// <summary>True when the line last returned ended at end of file without a newline: possibly still being written.</summary>
    public bool Unterminated { get; private set; }

    public long BytesRead { get; private set; }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCarriageReturn(buffer.AsSpan(start, newline));
                LineStart = bufferOffset + start;
                start += newline + 1;
                LineEnd = bufferOffset + start;
                Unterminated = false;
                return true;
            }

            if (eof)
            {
                if (end > start)
                {
                    line = TrimCarriageReturn(buffer.AsSpan(start, end - start));
                    LineStart = bufferOffset + start;
                    start = end;
                    LineEnd = bufferOffset + end;
                    Unterminated = true;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            bufferOffset += start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        long left = limit - (bufferOffset + end);
        int read = left <= 0 ? 0 : stream.Read(buffer, end, (int)Math.Min(buffer.Length - end, left));
        if (read == 0)
        {
            eof = true;
        }

        end += read;
        BytesRead += read;
    }

    /// <summary>
    /// The start of the first line that starts at or after <paramref name="at"/> and before <paramref name="size"/>
    /// (the byte after a newline), or -1 when there is none: where a piece of a large file may start.
    /// </summary>
    public static long NextLineStart(string path, long at, long size)
    {
        using var handle = Store.StoreFileGuard.OpenReadHandle(path);
        byte[] chunk = ArrayPool<byte>.Shared.Rent(64 * 1024);
        try
        {
            for (long from = Math.Max(0, at - 1); from < size;)
            {
                int read = RandomAccess.Read(handle, chunk.AsSpan(0, (int)Math.Min(chunk.Length, size - from)), from);
                if (read <= 0)
                {
                    return -1;
                }

                int newline = chunk.AsSpan(0, read).IndexOf((byte)'\n');
                if (newline >= 0)
                {
                    long start = from + newline + 1;
                    return start < size ? start : -1;
                }

                from += read;
            }

            return -1;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(Span<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose()
    {
        stream.Dispose();
        if (buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = Array.Empty<byte>();
        }
    }
}
