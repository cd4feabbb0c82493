// Reads stdin line by line with a cap on a line's length, for detect: a line longer than the cap is skipped as it
// streams past (never held in memory) and reported as overlong, so a 100 MB paste costs 1 MiB, not 500 MB.
namespace ZosTelemetry.Cli;

internal sealed class BoundedLineReader(Stream stream, int maxLineBytes)
{
    // Room for a whole line of the maximum length plus its CR and LF, so that such a line is always seen complete.
    private readonly byte[] buffer = new byte[Math.Max(maxLineBytes + 2, 64 * 1024) + 1];
    private int start;
    private int end;
    private bool eof;

    /// <summary>True when the line last returned was longer than the cap (line ending not counted); it is then returned empty.</summary>
    public bool Overlong { get; private set; }

    /// <summary>Reads the next line without its LF or CRLF; false at the end of the stream.</summary>
    public bool TryReadLine(out ReadOnlySpan<byte> line)
    {
        bool dropping = false;
        while (true)
        {
            int newline = buffer.AsSpan(start, end - start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = TrimCr(buffer.AsSpan(start, newline));
                start += newline + 1;
                return Deliver(dropping, ref line);
            }

            if (eof)
            {
                if (end == start && !dropping)
                {
                    line = default;
                    return false;
                }

                line = TrimCr(buffer.AsSpan(start, end - start));
                start = end;
                return Deliver(dropping, ref line);
            }

            if (end - start > maxLineBytes + 1)
            {
                dropping = true; // longer than any allowed line with its CR: keep reading to its end, keeping nothing
                start = end = 0;
            }

            Fill();
        }
    }

    private bool Deliver(bool dropping, ref ReadOnlySpan<byte> line)
    {
        Overlong = dropping || line.Length > maxLineBytes;
        if (Overlong)
        {
            line = default;
        }

        return true;
    }

    private void Fill()
    {
        if (start > 0)
        {
            Buffer.BlockCopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        }

        int read = stream.Read(buffer, end, buffer.Length - end);
        eof = read == 0;
        end += read;
    }

    private static ReadOnlySpan<byte> TrimCr(Span<byte> line) => line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
}
