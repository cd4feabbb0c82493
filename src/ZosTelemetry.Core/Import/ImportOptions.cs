// What an import is asked to do, and how it reports progress to whoever shows it (Write-Progress, a stderr line).
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Import;

public sealed class ImportOptions
{
    public static readonly TimeSpan DefaultIdleGap = TimeSpan.FromMinutes(30);

    public LogSource Source { get; init; }

    /// <summary>Directories to read instead of the defaults; each may be an assistant's home or a directory of .jsonl files.</summary>
    public IReadOnlyList<string>? Paths { get; init; }

    /// <summary>A session whose last activity is older than this is closed by the import.</summary>
    public TimeSpan IdleGap { get; init; } = DefaultIdleGap;

    public CostMode CostMode { get; init; } = CostMode.Auto;

    /// <summary>The correction detector version that reads the user turns (Detection.CorrectionDetector.Versions).</summary>
    public int DetectorVersion { get; init; } = Detection.CorrectionDetector.Version;

    public PriceTable Prices { get; init; } = PriceTable.Default;

    public LogEnvironment Environment { get; init; } = LogEnvironment.FromProcess();

    /// <summary>Called on the importing thread after each group of files, so a cmdlet may call WriteProgress from it.</summary>
    public Action<ImportProgress>? Progress { get; init; }

    /// <summary>Warnings (unreadable files, a lost state file); never carries log content.</summary>
    public Action<string>? Warning { get; init; }

    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public int MaxParallelism { get; init; } = global::System.Environment.ProcessorCount;

    /// <summary>
    /// A Claude Code log larger than this is parsed in pieces of about this size, by as many workers as are free (tests
    /// set a few bytes, to cut every log at every line). 4 MB was chosen, not tuned (issue 15, docs/performance.md): it
    /// cuts the three largest logs of the 60 MB benchmark corpus and the four largest of the 1 GB one.
    /// </summary>
    internal long PieceBytes { get; init; } = 4L * 1024 * 1024;
}

public readonly record struct ImportProgress(string System, int FilesDone, int FilesTotal, long BytesDone, long BytesTotal)
{
    public int Percent => BytesTotal <= 0 ? 100 : (int)Math.Min(100, BytesDone * 100 / BytesTotal);
}

/// <summary>No log directory was found where the source keeps its logs.</summary>
public sealed class LogsNotFoundException(string message) : Exception(message);
