// report html: the store as one self-contained HTML page with charts. To stdout, or to --output FILE with one line
// (or, with --json, one JSON object) saying what was written.
using System.Buffers;
using System.Text.Json;
using ZosTelemetry.Reports.Html;

namespace ZosTelemetry.Cli.Commands;

public static class HtmlReportCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "report html", ["root", "system", "window", "output", "prices"], ["json"], positionals: 0);
        string? output = a.Single("output");
        if (a.Flag("json") && output is null)
        {
            throw new UsageException("report html: --json describes the file written; give --output FILE (without it the page goes to stdout).");
        }

        var options = new HtmlReportOptions
        {
            Systems = a.All("system"),
            WindowDays = a.Int("window"),
            Costs = UsageOptions.Prices(a),
        };
        var report = HtmlReport.Render(cli.OpenStore(a.Single("root")), options);
        if (output is null)
        {
            cli.Out.Write(report.Html);
            return ExitCodes.Ok;
        }

        string path = Path.GetFullPath(output);
        HtmlReportFile.Write(path, report.Html);
        if (a.Flag("json"))
        {
            cli.Out.Flush();
            cli.Out.BaseStream.Write(Json(path, report));
            cli.Out.BaseStream.Write("\n"u8);
        }
        else
        {
            cli.Out.WriteLine($"wrote {path} ({report.Bytes:N0} bytes, {report.Charts.Count} charts, {report.Sessions:N0} sessions)");
        }

        return ExitCodes.Ok;
    }

    private static byte[] Json(string path, HtmlReportResult r)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("path", path);
            w.WriteNumber("bytes", r.Bytes);
            w.WriteStartArray("systems");
            foreach (string s in r.Systems)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            if (r.WindowDays is int days)
            {
                w.WriteNumber("window_days", days);
            }
            else
            {
                w.WriteNull("window_days");
            }

            w.WriteNumber("sessions", r.Sessions);
            w.WriteStartArray("detector_versions");
            foreach (int v in r.DetectorVersions)
            {
                w.WriteNumberValue(v);
            }

            w.WriteEndArray();
            w.WriteStartArray("sections");
            foreach (string s in r.Sections)
            {
                w.WriteStringValue(s);
            }

            w.WriteEndArray();
            w.WriteStartArray("charts");
            foreach (string c in r.Charts)
            {
                w.WriteStringValue(c);
            }

            w.WriteEndArray();
            w.WriteString("generated_at", Store.Iso8601.Format(r.GeneratedAt));
            w.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
