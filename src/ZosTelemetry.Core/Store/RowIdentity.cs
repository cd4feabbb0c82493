// The identity a merge compares rows by. An event with an event_id is that id. A row without one (older rows,
// rows of other schema-1 writers, and every session summary and snapshot row) is the SHA-256 of its canonical form: the row as
// RowCodec writes it (fixed field order, UTC timestamps to the millisecond, unknown fields dropped), so the same
// row written with different spacing or field order is still the same row. 128 bits of the hash are kept: a
// chance collision is not a practical concern, and a key costs 16 bytes instead of a string per row.
using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

internal static class RowIdentity
{
    public static UInt128 Of(TelemetryEvent e)
    {
        if (!string.IsNullOrEmpty(e.EventId))
        {
            // Canonical rows start with '{', so an id can never hash the same as a row.
            return Hash(Encoding.UTF8.GetBytes("event_id:" + e.EventId));
        }

        var buffer = new ArrayBufferWriter<byte>(256);
        RowCodec.WriteEvent(buffer, e);
        return Hash(buffer.WrittenSpan);
    }

    public static UInt128 Of(SessionSummary s)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        RowCodec.WriteSession(buffer, s);
        return Hash(buffer.WrittenSpan);
    }

    public static UInt128 Of(Snapshots.QualitySnapshot s) => Hash(SnapshotRowCodec.Line(s));

    private static UInt128 Hash(ReadOnlySpan<byte> bytes)
    {
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(bytes, digest);
        return BinaryPrimitives.ReadUInt128LittleEndian(digest);
    }
}
