// What a file found under the store root is to the doctor.
namespace ZosTelemetry.Store;

public enum StoreFileKind
{
    /// <summary>events-YYYY-MM.jsonl</summary>
    Events,

    /// <summary>sessions-YYYY-MM.jsonl</summary>
    Sessions,

    /// <summary>snapshots-YYYY-MM.jsonl</summary>
    Snapshots,

    /// <summary>alerts-YYYY-MM.jsonl</summary>
    Alerts,

    /// <summary>
    /// Something in the way that a repair removes: a temporary file of a killed repair or close, a link or pipe where a
    /// month file belongs, or a lock, index or state file that belongs to another user. Never read as rows.
    /// </summary>
    Leftover,
}
