// How far one sink file has been sent to one database: the byte offset after the last whole line sent, and a digest
// of the bytes just before it. A file rewritten since (prune, doctor --repair) no longer ends its prefix with those
// bytes, and is then sent again from the start; the rows' keys make the resent ones no-ops.
namespace ZosTelemetry.Sync;

public sealed record SyncFileCursor(long Offset, string Tail)
{
    public static SyncFileCursor Start { get; } = new(0, "");
}
