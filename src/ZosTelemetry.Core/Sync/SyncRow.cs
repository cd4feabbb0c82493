// One row on its way to a team database: the canonical line a local store would hold (RowCodec's form, unknown fields
// dropped), the key that makes a second send of it a no-op, and the few columns the database indexes and sums.
using ZosTelemetry.Store;

namespace ZosTelemetry.Sync;

public sealed class SyncRow
{
    public required SinkKind Sink { get; init; }

    /// <summary>
    /// What makes the row the same row on a resend or from another machine: "e:" and the event_id, else "h:", the
    /// row's 128-bit identity (as merge compares rows) and its occurrence in its month file, so two genuinely
    /// identical rows of one store stay two, and the same row from two stores is kept once, as a merge keeps it.
    /// </summary>
    public required string Key { get; init; }

    /// <summary>The month file the row lives in locally (events-2026-06.jsonl), so a reader can lay the rows out again.</summary>
    public required string File { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public required string SessionId { get; init; }

    public required string System { get; init; }

    /// <summary>The event's kind, the alert's type; empty for summaries and snapshots.</summary>
    public string Kind { get; init; } = "";

    public string? Model { get; init; }

    public long TokensIn { get; init; }

    public long TokensOut { get; init; }

    public double? CostUsd { get; init; }

    /// <summary>The canonical row, without its newline.</summary>
    public required string Line { get; init; }
}
