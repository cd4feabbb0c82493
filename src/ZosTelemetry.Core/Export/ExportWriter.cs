// Writes flat rows (a fixed list of columns; each value a string, a whole number, a number, a boolean or null) in
// one of the export formats, streaming: nothing but the current row is held.
namespace ZosTelemetry.Export;

public abstract class ExportWriter : IDisposable
{
    protected ExportWriter(IReadOnlyList<string> columns)
    {
        Columns = columns;
    }

    public IReadOnlyList<string> Columns { get; }

    public long Rows { get; private set; }

    public static ExportWriter Create(Stream output, ExportFormat format, IReadOnlyList<string> columns) => format switch
    {
        ExportFormat.Csv => new CsvExportWriter(output, columns),
        ExportFormat.Json => new JsonExportWriter(output, columns, lines: false),
        _ => new JsonExportWriter(output, columns, lines: true),
    };

    public void Write(IReadOnlyList<object?> values)
    {
        if (values.Count != Columns.Count)
        {
            throw new ArgumentException($"A row has {values.Count} values for {Columns.Count} columns.");
        }

        WriteRow(values);
        Rows++;
    }

    /// <summary>Ends the document (closes a JSON array) and flushes. Called once, after the last row.</summary>
    public abstract void Complete();

    public abstract void Dispose();

    protected abstract void WriteRow(IReadOnlyList<object?> values);
}
