// export --otlp ENDPOINT: sends the store's closed sessions not sent yet to an OTLP/HTTP receiver as metrics
// (OtlpExporter), with the headers $OTEL_EXPORTER_OTLP_METRICS_HEADERS or $OTEL_EXPORTER_OTLP_HEADERS give; prints what went (one line, or one JSON object with --json). --dry-run says what would go and
// sends nothing. A receiver that refuses or cannot be reached exits 5 with one stderr line; what it accepted before
// stays recorded in the store's cursor.
using System.Globalization;
using System.Text.Json;
using ZosTelemetry.Otlp;

namespace ZosTelemetry.Cli.Commands;

public static class OtlpExportCommand
{
    /// <summary>True when an export command line asks for OTLP rather than a file format.</summary>
    public static bool IsOtlp(string[] args) => args.Any(a => a == "--otlp" || a.StartsWith("--otlp=", StringComparison.Ordinal));

    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "export --otlp", ["root", "otlp", "system", "timeout"], ["json", "dry-run"], positionals: 0);
        int? timeout = a.Int("timeout");
        if (timeout is < 1)
        {
            throw new UsageException("export: --timeout must be 1 or more seconds.");
        }

        var store = cli.OpenStore(a.Single("root"));
        var options = new OtlpExportOptions
        {
            System = a.Single("system"),
            DryRun = a.Flag("dry-run"),
            Timeout = TimeSpan.FromSeconds(timeout ?? 30),
            Headers = OtlpHeaders.FromEnvironment(),
        };
        var r = new OtlpExporter(store, options).Export(a.Single("otlp")!);
        if (r.RejectedDataPoints > 0)
        {
            cli.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CliApp.Name}: warning: the receiver rejected {r.RejectedDataPoints} data point(s){(r.ReceiverMessage is null ? "" : ": " + r.ReceiverMessage)}; OTLP says not to send them again."));
        }

        if (a.Flag("json"))
        {
            cli.Out.Flush();
            using var json = new Utf8JsonWriter(cli.Out.BaseStream);
            json.WriteStartObject();
            json.WriteString("endpoint", r.Endpoint);
            json.WriteBoolean("dry_run", r.DryRun);
            json.WriteNumber("sessions", r.Sessions);
            json.WriteNumber("already_sent", r.AlreadySent);
            json.WriteNumber("reclosed_after_export", r.ReclosedAfterExport);
            json.WriteNumber("withheld", r.Withheld);
            json.WriteNumber("requests", r.Requests);
            json.WriteNumber("data_points", r.DataPoints);
            json.WriteNumber("rejected_data_points", r.RejectedDataPoints);
            json.WriteString("receiver_message", r.ReceiverMessage);
            json.WriteNumber("bytes", r.Bytes);
            json.WriteEndObject();
            json.Flush();
            cli.Out.BaseStream.Write("\n"u8);
            return ExitCodes.Ok;
        }

        string tail = string.Create(CultureInfo.InvariantCulture, $"{r.AlreadySent} already sent, {r.ReclosedAfterExport} closed again after their export, {r.Withheld} withheld by their transmission class.");
        cli.Out.WriteLine(r.DryRun
            ? string.Create(CultureInfo.InvariantCulture, $"export: {r.Sessions} session(s) would be sent to {r.Endpoint} as {r.DataPoints} data point(s); {tail}")
            : string.Create(CultureInfo.InvariantCulture, $"export: {r.Sessions} session(s) sent to {r.Endpoint} as {r.DataPoints} data point(s) in {r.Requests} request(s), {r.Bytes} bytes; {tail}"));
        return ExitCodes.Ok;
    }
}
