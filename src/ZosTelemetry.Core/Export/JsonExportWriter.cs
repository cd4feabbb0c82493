// JSON exports: one array of flat objects (json) or one object per line (jsonl). Keys are the column names; numbers
// stay numbers, and null is written as null so every object has every column.
using System.Text.Json;

namespace ZosTelemetry.Export;

public sealed class JsonExportWriter : ExportWriter
{
    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly Stream output;
    private readonly bool lines;
    private readonly Utf8JsonWriter writer;

    public JsonExportWriter(Stream output, IReadOnlyList<string> columns, bool lines)
        : base(columns)
    {
        this.output = output;
        this.lines = lines;
        writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (!lines)
        {
            writer.WriteStartArray();
        }
    }

    public override void Complete()
    {
        if (!lines)
        {
            writer.WriteEndArray();
            writer.Flush();
            output.Write(NewLine);
        }

        writer.Flush();
    }

    public override void Dispose() => writer.Dispose();

    protected override void WriteRow(IReadOnlyList<object?> values)
    {
        writer.WriteStartObject();
        for (int i = 0; i < values.Count; i++)
        {
            string name = Columns[i];
            switch (values[i])
            {
                case null: writer.WriteNull(name); break;
                case string s: writer.WriteString(name, s); break;
                case bool b: writer.WriteBoolean(name, b); break;
                case long l: writer.WriteNumber(name, l); break;
                case int n: writer.WriteNumber(name, n); break;
                case double d: writer.WriteNumber(name, d); break;
                default: writer.WriteString(name, values[i]!.ToString()); break;
            }
        }

        writer.WriteEndObject();
        if (lines)
        {
            writer.Flush();
            output.Write(NewLine);
            writer.Reset();
        }
        else if (writer.BytesPending > 32 * 1024)
        {
            writer.Flush();
        }
    }
}
