// Writes a report page to a file: whole or not at all (a temporary file beside it, then renamed over the target), so
// a browser never opens half a page and a failed write leaves an earlier report as it was.
using System.Text;

namespace ZosTelemetry.Reports.Html;

public static class HtmlReportFile
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static void Write(string path, string html)
    {
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ArgumentException($"'{path}' is a directory; give a file name such as report.html.");
        }

        string dir = Path.GetDirectoryName(full) ?? ".";
        if (!Directory.Exists(dir))
        {
            throw new ArgumentException($"The directory of '{path}' does not exist.");
        }

        string temp = Path.Combine(dir, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            File.WriteAllText(temp, html, Utf8);
            File.Move(temp, full, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
    }

    /// <summary>A fresh file name in the temporary directory, for a report that is only to be looked at.</summary>
    public static string TemporaryPath(DateTimeOffset now) =>
        Path.Combine(Path.GetTempPath(), $"zos-telemetry-report-{now.UtcDateTime:yyyyMMdd-HHmmss}-{Environment.ProcessId}.html");
}
