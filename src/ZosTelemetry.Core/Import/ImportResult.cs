// What one import did: the object Import-TelemetryLog emits and the CLI prints. Counts only, never content.
namespace ZosTelemetry.Import;

public sealed class ImportResult
{
    public string System { get; init; } = "";

    /// <summary>Log files found under the directories read.</summary>
    public int Files { get; init; }

    /// <summary>Files read (new, grown or rewritten); the rest were unchanged since the last import.</summary>
    public int FilesRead { get; init; }

    /// <summary>Files that had been rewritten or truncated since the last import, and were read again from the start.</summary>
    public int FilesRewritten { get; init; }

    public long BytesRead { get; init; }

    public long Lines { get; init; }

    /// <summary>Lines that were not JSON or lacked a timestamp or session, skipped.</summary>
    public long LinesSkipped { get; init; }

    public long EventsAdded { get; init; }

    /// <summary>Copies of responses, replays and records already in the store, counted once.</summary>
    public long Duplicates { get; init; }

    public long UserTurns { get; init; }

    public long Corrections { get; init; }

    /// <summary>Tool calls, counted by their results.</summary>
    public long ToolCalls { get; init; }

    public long ToolFailures { get; init; }

    public long ApiErrors { get; init; }

    public int SessionsClosed { get; init; }

    /// <summary>Sessions with activity within the idle gap, left open for a later import to close.</summary>
    public int SessionsOpen { get; init; }

    /// <summary>Models with tokens but no price in the table, with their number of events: their cost is unknown.</summary>
    public IReadOnlyDictionary<string, long> UnpricedModels { get; init; } = new Dictionary<string, long>();

    /// <summary>True when the import was cancelled: what was imported is kept, and the next import continues.</summary>
    public bool Cancelled { get; init; }

    public TimeSpan Elapsed { get; init; }
}
