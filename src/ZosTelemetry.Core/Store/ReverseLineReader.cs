// Reads a JSONL file's lines from the last to the first, a block at a time from the end, so that "the newest N rows"
// costs the bytes of those rows however large the file is. Lines are handed out as spans valid only during the call.
using System.Buffers;

namespace ZosTelemetry.Store;

internal static class ReverseLineReader
{
    private const int BlockSize = 64 * 1024;

    /// <summary>Called with each non-blank line, newest first; returns false to stop reading.</summary>
    public delegate bool LineVisitor(ReadOnlySpan<byte> line);

    /// <summary>Visits the lines of path from the end; a missing file has none.</summary>
    public static void Read(string path, LineVisitor visit)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, new FileStreamOptions { Mode = FileMode.Open, Access = FileAccess.Read, Share = FileShare.ReadWrite | FileShare.Delete, BufferSize = 0 });
        }
        catch (FileNotFoundException)
        {
            return;
        }

        byte[] data = ArrayPool<byte>.Shared.Rent(BlockSize * 2);
        try
        {
            using (stream)
            {
                long position = stream.Length; // data holds the file's bytes [position, position + length) not yet visited
                int length = 0;
                while (true)
                {
                    int newline;
                    while ((newline = data.AsSpan(0, length).LastIndexOf((byte)'\n')) >= 0)
                    {
                        if (!Visit(data.AsSpan(newline + 1, length - newline - 1), visit))
                        {
                            return;
                        }

                        length = newline;
                    }

                    if (position == 0)
                    {
                        Visit(data.AsSpan(0, length), visit);
                        return;
                    }

                    int block = (int)Math.Min(BlockSize, position);
                    if (length + block > data.Length)
                    {
                        byte[] bigger = ArrayPool<byte>.Shared.Rent((length + block) * 2);
                        Buffer.BlockCopy(data, 0, bigger, 0, length);
                        ArrayPool<byte>.Shared.Return(data);
                        data = bigger;
                    }

                    Buffer.BlockCopy(data, 0, data, block, length);
                    position -= block;
                    RandomAccess.Read(stream.SafeFileHandle, data.AsSpan(0, block), position);
                    length += block;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(data);
        }
    }

    private static bool Visit(ReadOnlySpan<byte> line, LineVisitor visit)
    {
        if (line.Length > 0 && line[^1] == (byte)'\r')
        {
            line = line[..^1];
        }

        return line.Trim(" \t"u8).IsEmpty || visit(line);
    }
}
