// Reads the few fields ZosTelemetry needs from a receiver's protobuf replies (ExportMetricsServiceResponse's partial
// success, google.rpc.Status's message), skipping every other field by its wire type. Malformed input ends the read
// with what was found so far: a reply is advice for an error message, never data the store depends on.
using System.Text;

namespace ZosTelemetry.Otlp;

internal ref struct ProtoReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public int Field { get; private set; }

    public int WireType { get; private set; }

    /// <summary>Moves to the next field; false at the end or on malformed input.</summary>
    public bool Next()
    {
        if (position >= data.Length || !TryVarint(out ulong tag) || tag >> 3 is 0 or > int.MaxValue)
        {
            return false;
        }

        Field = (int)(tag >> 3);
        WireType = (int)(tag & 7);
        return true;
    }

    public bool TryVarint(out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            byte b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return true;
            }
        }

        return false;
    }

    public bool TryBytes(out ReadOnlySpan<byte> bytes)
    {
        bytes = default;
        if (!TryVarint(out ulong length) || length > (ulong)(data.Length - position))
        {
            return false;
        }

        bytes = data.Slice(position, (int)length);
        position += (int)length;
        return true;
    }

    public bool TryString(out string text)
    {
        bool ok = TryBytes(out var bytes);
        text = ok ? Encoding.UTF8.GetString(bytes) : "";
        return ok;
    }

    /// <summary>Skips the current field's value; false on malformed input or a wire type protobuf no longer uses.</summary>
    public bool Skip()
    {
        switch (WireType)
        {
            case 0:
                return TryVarint(out _);
            case 1:
                return Advance(8);
            case 2:
                return TryBytes(out _);
            case 5:
                return Advance(4);
            default:
                return false;
        }
    }

    private bool Advance(int count)
    {
        if (data.Length - position < count)
        {
            return false;
        }

        position += count;
        return true;
    }

    /// <summary>ExportMetricsServiceResponse: partial_success (1) { rejected_data_points (1), error_message (2) }.</summary>
    public static (long Rejected, string? Message) ReadPartialSuccess(ReadOnlySpan<byte> response)
    {
        long rejected = 0;
        string? message = null;
        var reader = new ProtoReader(response);
        while (reader.Next())
        {
            if (reader.Field == 1 && reader.WireType == 2 && reader.TryBytes(out var partial))
            {
                var inner = new ProtoReader(partial);
                while (inner.Next())
                {
                    if (inner.Field == 1 && inner.WireType == 0 && inner.TryVarint(out ulong r))
                    {
                        rejected = unchecked((long)r);
                    }
                    else if (inner.Field == 2 && inner.WireType == 2 && inner.TryString(out string m))
                    {
                        message = m;
                    }
                    else if (!inner.Skip())
                    {
                        break;
                    }
                }
            }
            else if (!reader.Skip())
            {
                break;
            }
        }

        return (rejected, message);
    }

    /// <summary>google.rpc.Status, the body of an OTLP error reply: its message (2), or null.</summary>
    public static string? ReadStatusMessage(ReadOnlySpan<byte> status)
    {
        var reader = new ProtoReader(status);
        while (reader.Next())
        {
            if (reader.Field == 2 && reader.WireType == 2 && reader.TryString(out string message))
            {
                return message;
            }

            if (!reader.Skip())
            {
                break;
            }
        }

        return null;
    }
}
