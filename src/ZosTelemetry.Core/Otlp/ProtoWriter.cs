// The protocol-buffers wire format, the small part of it OTLP's metrics messages use: varints, length-delimited
// fields (strings, nested messages, packed repeated numbers) and little-endian fixed64 (timestamps, counts, doubles).
// Written by hand so that the module ships no third-party assembly; the tests decode the output with classes that
// protoc generated from the official .proto files, which is what proves it right.
using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace ZosTelemetry.Otlp;

internal sealed class ProtoWriter
{
    private const int WireVarint = 0;
    private const int WireFixed64 = 1;
    private const int WireLengthDelimited = 2;

    private readonly ArrayBufferWriter<byte> buffer = new(256);

    public int Length => buffer.WrittenCount;

    public ReadOnlySpan<byte> WrittenSpan => buffer.WrittenSpan;

    public byte[] ToArray() => buffer.WrittenSpan.ToArray();

    /// <summary>A uint64/uint32/int64/bool/enum field; proto3 leaves zero values out, and so does this, except in a oneof (always).</summary>
    public void Varint(int field, ulong value, bool always = false)
    {
        if (value == 0 && !always)
        {
            return;
        }

        Tag(field, WireVarint);
        WriteVarint(value);
    }

    public void Bool(int field, bool value, bool always = false) => Varint(field, value ? 1UL : 0UL, always);

    /// <summary>An int64 field: negative numbers are ten bytes of two's complement, as protobuf says.</summary>
    public void Int64(int field, long value, bool always = false) => Varint(field, unchecked((ulong)value), always);

    /// <summary>A fixed64 or sfixed64 field (timestamps in nanoseconds, counts, an integer data point's value).</summary>
    public void Fixed64(int field, ulong value, bool always = false)
    {
        if (value == 0 && !always)
        {
            return;
        }

        Tag(field, WireFixed64);
        WriteFixed64(value);
    }

    /// <summary>A double field, always written: OTLP's optional sum/min/max mean "present" even when they are 0.</summary>
    public void Double(int field, double value)
    {
        Tag(field, WireFixed64);
        WriteFixed64(BitConverter.DoubleToUInt64Bits(value));
    }

    public void String(int field, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        Tag(field, WireLengthDelimited);
        int length = Encoding.UTF8.GetByteCount(value);
        WriteVarint((ulong)length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    /// <summary>A nested message, written even when empty (an empty message is still a present one).</summary>
    public void Message(int field, ProtoWriter message)
    {
        Tag(field, WireLengthDelimited);
        WriteVarint((ulong)message.Length);
        buffer.Write(message.WrittenSpan);
    }

    /// <summary>A packed repeated fixed64 field (histogram bucket counts).</summary>
    public void PackedFixed64(int field, IReadOnlyList<ulong> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        Tag(field, WireLengthDelimited);
        WriteVarint((ulong)values.Count * 8);
        foreach (ulong v in values)
        {
            WriteFixed64(v);
        }
    }

    /// <summary>A packed repeated double field (histogram bucket bounds).</summary>
    public void PackedDouble(int field, IReadOnlyList<double> values)
    {
        if (values.Count == 0)
        {
            return;
        }

        Tag(field, WireLengthDelimited);
        WriteVarint((ulong)values.Count * 8);
        foreach (double v in values)
        {
            WriteFixed64(BitConverter.DoubleToUInt64Bits(v));
        }
    }

    private void Tag(int field, int wireType) => WriteVarint(((ulong)field << 3) | (uint)wireType);

    private void WriteVarint(ulong value)
    {
        var span = buffer.GetSpan(10);
        int i = 0;
        while (value >= 0x80)
        {
            span[i++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[i++] = (byte)value;
        buffer.Advance(i);
    }

    private void WriteFixed64(ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }
}
