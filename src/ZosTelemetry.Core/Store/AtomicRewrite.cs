// Replaces a file's contents all at once: the new contents go to a private temporary file beside it, are flushed to
// disk, and are renamed over the original. rename(2) (MoveFileEx on Windows) is atomic, so a reader or a writer
// killed at any moment sees the whole old file or the whole new one, never a mix; a killed rewrite leaves only its
// temporary file, which readers never open (it does not match events-YYYY-MM.jsonl) and the doctor reports.
using System.Security.Cryptography;

namespace ZosTelemetry.Store;

internal sealed class AtomicRewrite : IDisposable
{
    public const string TempInfix = ".repair-";
    public const string TempSuffix = ".tmp";

    private readonly string target;
    private bool committed;

    private AtomicRewrite(string target, string tempPath, FileStream stream)
    {
        this.target = target;
        TempPath = tempPath;
        Stream = stream;
    }

    public string TempPath { get; }

    /// <summary>Where the new contents go; nothing is visible at the target until Commit.</summary>
    public FileStream Stream { get; }

    /// <summary>The pattern of the temporary files, for finding leftovers: .events-2026-06.jsonl.repair-1a2b3c4d.tmp</summary>
    public static string LeftoverPattern => "." + "*" + TempInfix + "*" + TempSuffix;

    public static AtomicRewrite Begin(string target)
    {
        string directory = Path.GetDirectoryName(target)!;
        string temp = Path.Combine(directory, "." + Path.GetFileName(target) + TempInfix + Convert.ToHexString(RandomNumberGenerator.GetBytes(4)).ToLowerInvariant() + TempSuffix);
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            BufferSize = 64 * 1024,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = PrivateFiles.FileMode;
        }

        return new AtomicRewrite(target, temp, new FileStream(temp, options));
    }

    /// <summary>Flushes the new contents to disk and renames them over the target.</summary>
    public void Commit()
    {
        Stream.Flush(flushToDisk: true);
        Stream.Dispose();
        File.Move(TempPath, target, overwrite: true);
        committed = true;
    }

    /// <summary>Without a Commit, the temporary file is removed and the target is untouched.</summary>
    public void Dispose()
    {
        Stream.Dispose();
        if (!committed)
        {
            try
            {
                File.Delete(TempPath);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Left for the doctor to report and the next repair to remove.
            }
        }
    }
}
