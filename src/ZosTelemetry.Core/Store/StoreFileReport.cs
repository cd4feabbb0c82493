// The doctor's finding for one file of the store: usable rows, skipped lines and why, how its sessions and summaries
// match up with the rest of the store, and whether the file is private to its user.
namespace ZosTelemetry.Store;

public sealed class StoreFileReport
{
    public StoreFileReport(
        string path,
        StoreFileKind kind,
        long rows,
        IReadOnlyList<SkippedLine> skipped,
        long sessionsWithoutSummary,
        long summariesWithoutEvents,
        long duplicateSummaries,
        string? mode,
        bool isPrivate,
        string? problem = null)
    {
        Problem = problem;
        Path = path;
        Kind = kind;
        Rows = rows;
        Skipped = skipped;
        SessionsWithoutSummary = sessionsWithoutSummary;
        SummariesWithoutEvents = summariesWithoutEvents;
        DuplicateSummaries = duplicateSummaries;
        Mode = mode;
        IsPrivate = isPrivate;
    }

    public string Path { get; }

    /// <summary>Leftovers: what the file is and why it is in the way (a killed repair's temporary file, a link, a pipe, another user's file).</summary>
    public string? Problem { get; }

    public string Name => System.IO.Path.GetFileName(Path);

    public StoreFileKind Kind { get; }

    /// <summary>Rows readers use.</summary>
    public long Rows { get; }

    /// <summary>Lines readers skip, each with its line number and reason; blank lines are not counted.</summary>
    public IReadOnlyList<SkippedLine> Skipped { get; }

    public int SkippedRows => Skipped.Count;

    /// <summary>Lines a repair would remove (skipped lines that are not of a newer schema).</summary>
    public int RemovableLines => Skipped.Count(s => !s.KeptByRepair);

    /// <summary>Events files: sessions with events here that have no summary row anywhere (still open, or never closed).</summary>
    public long SessionsWithoutSummary { get; }

    /// <summary>Sessions files: sessions summarised here that have no events anywhere in the store.</summary>
    public long SummariesWithoutEvents { get; }

    /// <summary>Sessions files: summary rows here that a later row of the same session supersedes (a session closed again).</summary>
    public long DuplicateSummaries { get; }

    /// <summary>The Unix permission bits in octal (0600), or null where there are none (Windows).</summary>
    public string? Mode { get; }

    /// <summary>False when other users may read or write the file (any group or other bit on Unix).</summary>
    public bool IsPrivate { get; }

    public bool NeedsRepair => Kind == StoreFileKind.Leftover || RemovableLines > 0 || !IsPrivate;

    /// <summary>Usable rows that break the contract (a field rule of schemas/index.json): readers use them, repair keeps them.</summary>
    public IReadOnlyList<SkippedLine> ContractViolations { get; init; } = [];

    /// <summary>The file's sensitivity class from the registry (S0-S3), "?" when the registry does not name it.</summary>
    public string SensitivityClass => Contracts.ContractRegistry.Embedded.ClassOfFile(Name)?.SensitivityClass ?? "?";

    public string TransmissionClass => Contracts.ContractRegistry.Embedded.ClassOfFile(Name)?.TransmissionClass ?? "?";

    /// <summary>
    /// ok; repairable (unusable lines, a leftover or loose permissions); newer-rows (only rows of a newer schema, which
    /// repair keeps); breaks-contract (usable rows whose fields today's rules refuse: remove them with prune or by hand).
    /// </summary>
    public string Status => NeedsRepair ? "repairable" : Skipped.Count > 0 ? "newer-rows" : ContractViolations.Count > 0 ? "breaks-contract" : "ok";
}
