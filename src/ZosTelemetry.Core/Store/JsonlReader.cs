// Forward-only line reader over a JSONL file's bytes: no string per line, no whole file in memory.
// Lines are handed out as spans of an internal buffer that is valid only until the next line is read.
// A reader can also cover one range of a file (a chunk of a parallel scan): it then starts at the first line that
// begins inside the range and stops after the last one, so chunks cut at any byte still split at line boundaries.
using System.Buffers;

namespace ZosTelemetry.Store;

public sealed class JsonlReader : IDisposable
{
    private const int InitialBufferSize = 64 * 1024;

    private readonly Stream stream;
    private byte[] buffer;
    private int start;
    private int end;
    private bool eof;
    private long bufferOffset;
    private long limit = long.MaxValue;

    public JsonlReader(string path)
        : this(OpenShared(path), path)
    {
    }

    /// <summary>Reads the lines of a file that begin at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    public JsonlReader(string path, long from, long to)
        : this(OpenShared(path), path)
    {
        limit = to;
        if (from > 0)
        {
            // Start at from when a line begins there, else after the newline that ends the line under it.
            stream.Seek(from - 1, SeekOrigin.Begin);
            bufferOffset = from - 1;
            SkipPartialLine();
        }
    }

    /// <summary>Reads lines from any stream (stdin, for one); the reader owns and disposes it.</summary>
    public JsonlReader(Stream stream, string name)
    {
        this.stream = stream;
        buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
        Path = name;
    }

    // Other writers may append while we read; a reader never blocks them. No link is followed, and a pipe is never
    // opened (it would block): StoreFileGuard refuses both.
    private static FileStream OpenShared(string path) => StoreFileGuard.OpenRead(path, FileOptions.SequentialScan);

    public string Path { get; }

    /// <summary>1-based number of the line last returned.</summary>
    public long LineNumber { get; private set; }

    /// <summary>Byte offset in the file (or stream) at which the line last returned begins.</summary>
    public long LineOffset { get; private set; }

    /// <summary>Length in bytes of the line last returned as it is in the file: up to its newline, a CR included.</summary>
    public int LineLength { get; private set; }

    /// <summary>True when the line last returned had no terminating newline (the file's last line, possibly torn).</summary>
    public bool LastLineUnterminated { get; private set; }

    /// <summary>Reads the next line without its line ending (LF or CRLF). Blank lines are returned too, as empty spans.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        while (true)
        {
            if (bufferOffset + start >= limit)
            {
                line = default;
                return false;
            }

            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                LineOffset = bufferOffset + start;
                LineLength = newline;
                line = TrimCarriageReturn(buffer.AsSpan(start, newline));
                start += newline + 1;
                LineNumber++;
                LastLineUnterminated = false;
                return true;
            }

            if (eof)
            {
                if (end > start)
                {
                    LineOffset = bufferOffset + start;
                    LineLength = end - start;
                    line = TrimCarriageReturn(buffer.AsSpan(start, end - start));
                    start = end;
                    LineNumber++;
                    LastLineUnterminated = true;
                    return true;
                }

                line = default;
                return false;
            }

            Fill();
        }
    }

    private void SkipPartialLine()
    {
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                start += newline + 1;
                return;
            }

            start = end;
            if (eof)
            {
                return;
            }

            Fill();
        }
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            bufferOffset += start;
            end -= start;
            start = 0;
        }

        if (end == buffer.Length)
        {
            byte[] bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
            Buffer.BlockCopy(buffer, 0, bigger, 0, end);
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = bigger;
        }

        int read = stream.Read(buffer, end, buffer.Length - end);
        if (read == 0)
        {
            eof = true;
        }

        end += read;
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
