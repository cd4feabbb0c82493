// What a repair did to one file: rows kept, unusable lines removed, permissions tightened, or a leftover deleted.
namespace ZosTelemetry.Store;

public sealed class StoreRepairResult
{
    public StoreRepairResult(string path, StoreFileKind kind, long keptRows, long removedLines, bool modeFixed, bool deleted)
    {
        Path = path;
        Kind = kind;
        KeptRows = keptRows;
        RemovedLines = removedLines;
        ModeFixed = modeFixed;
        Deleted = deleted;
    }

    public string Path { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public StoreFileKind Kind { get; }

    /// <summary>Lines the rewritten file holds: usable rows and rows of a newer schema.</summary>
    public long KeptRows { get; }

    /// <summary>Unusable lines the rewrite left out (blank lines are dropped without being counted).</summary>
    public long RemovedLines { get; }

    /// <summary>True when the file's permissions were tightened to 0600.</summary>
    public bool ModeFixed { get; }

    /// <summary>True for a leftover temporary file of a killed repair, which is deleted.</summary>
    public bool Deleted { get; }
}
