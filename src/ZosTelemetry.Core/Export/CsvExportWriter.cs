// RFC 4180 CSV: a header row, comma-separated fields, CRLF line ends, a field quoted when it holds a comma, a quote,
// a line break or edge spaces. Numbers are invariant-culture and round-trip exactly; null is an empty field. A text
// cell that a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return: OWASP's CSV
// injection rule) gets a leading apostrophe. Numbers are written as numbers, so a negative figure is never touched.
using System.Globalization;
using System.Text;

namespace ZosTelemetry.Export;

public sealed class CsvExportWriter : ExportWriter
{
    private readonly StreamWriter writer;

    public CsvExportWriter(Stream output, IReadOnlyList<string> columns)
        : base(columns)
    {
        writer = new StreamWriter(output, new UTF8Encoding(false), 64 * 1024, leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(',', columns.Select(Field)));
    }

    public static string Field(object? value) => value switch
    {
        null => "",
        string s => Quote(Neutralise(s)),
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => Quote(Neutralise(value.ToString() ?? "")),
    };

    /// <summary>OWASP's rule: a cell starting with = + - @ tab or CR is prefixed with ' so it is read as text.</summary>
    public static string Neutralise(string s) => s.Length > 0 && s[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + s : s;

    public override void Complete() => writer.Flush();

    public override void Dispose() => writer.Dispose();

    protected override void WriteRow(IReadOnlyList<object?> values)
    {
        for (int i = 0; i < values.Count; i++)
        {
            if (i > 0)
            {
                writer.Write(',');
            }

            writer.Write(Field(values[i]));
        }

        writer.WriteLine();
    }

    private static string Quote(string s) =>
        s.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (s.Length > 0 && (s[0] == ' ' || s[^1] == ' '))
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : s;
}
