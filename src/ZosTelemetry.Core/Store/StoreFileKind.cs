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

    /// <summary>A temporary file a repair left behind when it was killed before its rename; never read as rows.</summary>
    Leftover,
}
