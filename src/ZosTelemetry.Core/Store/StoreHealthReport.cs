// The doctor's finding for a whole store: one report per file, and what is wrong with the root directory itself.
namespace ZosTelemetry.Store;

public sealed class StoreHealthReport
{
    public StoreHealthReport(string root, bool exists, string? mode, IReadOnlyList<string> rootProblems, bool rootNeedsRepair, IReadOnlyList<StoreFileReport> files)
    {
        Root = root;
        Exists = exists;
        Mode = mode;
        RootProblems = rootProblems;
        RootNeedsRepair = rootNeedsRepair;
        Files = files;
    }

    public string Root { get; }

    /// <summary>False when the root does not exist yet: nothing to check, nothing wrong.</summary>
    public bool Exists { get; }

    /// <summary>The root directory's Unix permission bits in octal (0700), or null on Windows or when it does not exist.</summary>
    public string? Mode { get; }

    /// <summary>What is wrong with the root directory itself (another owner, loose permissions), as sentences.</summary>
    public IReadOnlyList<string> RootProblems { get; }

    /// <summary>True when a repair can fix the root directory (its mode); a directory owned by someone else cannot be.</summary>
    public bool RootNeedsRepair { get; }

    public IReadOnlyList<StoreFileReport> Files { get; }

    /// <summary>
    /// When the only fault of some files is their permissions (their rows are all usable), a sentence that says so: a
    /// store copied or checked out from git (such as samples/store, which git writes 0644) is readable by others, not
    /// damaged. Null when no file is in that state.
    /// </summary>
    public string? PermissionsOnlyNote
    {
        get
        {
            int loose = Files.Count(f => f.Kind != StoreFileKind.Leftover && !f.IsPrivate && f.RemovableLines == 0);
            return loose == 0
                ? null
                : $"{loose} file(s) are repairable only because other users may read them (a copied or checked-out store, such as samples/store, has such permissions); their rows are all usable. Repair-TelemetryStore (zos-telemetry doctor --repair) makes them 0600.";
        }
    }

    public long Rows => Files.Sum(f => f.Rows);

    public long SkippedRows => Files.Sum(f => (long)f.SkippedRows);

    public bool NeedsRepair => RootNeedsRepair || Files.Any(f => f.NeedsRepair);

    public bool IsHealthy => RootProblems.Count == 0 && Files.All(f => f.Status == "ok");

    /// <summary>Rows of every file that break the contract.</summary>
    public long ContractViolations => Files.Sum(f => (long)f.ContractViolations.Count);

    /// <summary>
    /// Daily facts (.index/events-YYYY-MM.facts) whose events file only grew by appends since they were folded: healthy,
    /// not repaired, as the next read folds in the appended lines alone (DailyFactsSidecar.StateOf).
    /// </summary>
    public IReadOnlyList<string> GrownFacts { get; init; } = [];

    /// <summary>Every entry under the root with its sensitivity and transmission class (schemas/index.json store_files).</summary>
    public IReadOnlyList<StoreFileClassReport> FileClasses { get; init; } = [];
}

/// <summary>One file or directory under the store root and its class.</summary>
public sealed record StoreFileClassReport(string Name, string SensitivityClass, string TransmissionClass);
