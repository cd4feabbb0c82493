// Reads a user message from stdin for the detector. Only the head is kept (the detector reads no more than
// CorrectionDetector.MaxAnalysedChars); the rest is drained and discarded so a huge paste costs no memory.
using System.Text;
using ZosTelemetry.Detection;

namespace ZosTelemetry.Cli;

public static class StdinText
{
    private const int KeepBytes = CorrectionDetector.MaxAnalysedChars * 4;

    public static string Read(Stream stdin)
    {
        byte[] head = new byte[KeepBytes];
        int kept = 0, read;
        while (kept < head.Length && (read = stdin.Read(head, kept, head.Length - kept)) > 0)
        {
            kept += read;
        }

        bool truncated = false;
        if (kept == head.Length)
        {
            byte[] sink = new byte[64 * 1024];
            while (stdin.Read(sink, 0, sink.Length) > 0)
            {
                truncated = true;
            }
        }

        int length = truncated || kept == head.Length ? CompleteUtf8Prefix(head, kept) : kept;
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(head, 0, length);
        }
        catch (DecoderFallbackException)
        {
            throw new UsageException("the message on stdin is not valid UTF-8; nothing was written.");
        }
    }

    /// <summary>Length of the longest prefix that does not end inside a multi-byte UTF-8 sequence.</summary>
    private static int CompleteUtf8Prefix(byte[] bytes, int length)
    {
        int i = length;
        int back = 0;
        while (i > 0 && back < 4 && (bytes[i - 1] & 0xC0) == 0x80)
        {
            i--;
            back++;
        }

        if (i == 0)
        {
            return length;
        }

        byte lead = bytes[i - 1];
        int need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        return need == back + 1 ? length : i - 1;
    }
}
