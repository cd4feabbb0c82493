// export: events (default), session summaries or quality snapshots as flat CSV (default), a JSON array or JSON Lines,
// to stdout or to --output FILE (written to a temporary file and renamed, so a failed export never leaves half a file;
// created 0600 whatever the umask, as the store's own files are). Rows carry their sensitivity and transmission class.
using System.Globalization;
using ZosTelemetry.Export;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class ExportCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        if (OtlpExportCommand.IsOtlp(args))
        {
            return OtlpExportCommand.Run(args, cli);
        }

        var a = Arguments.Parse(args, "export", ["root", "format", "kind", "days", "system", "output", "prices"], [], positionals: 0);
        var format = ExportNames.ParseFormat(a.Single("format") ?? "csv");
        var kind = ExportNames.ParseKind(a.Single("kind") ?? "events");
        int? days = a.Int("days");
        if (days is < 1)
        {
            throw new UsageException("export: --days must be 1 or more.");
        }

        DateTimeOffset? since = days is int d ? DateTimeOffset.UtcNow.AddDays(-d) : null;
        string? system = a.Single("system");
        var store = cli.OpenStore(a.Single("root"));
        var costs = kind == ExportKind.Events ? UsageOptions.Prices(a) : null;
        long Write(Stream output) => kind switch
        {
            ExportKind.Events => TelemetryExport.WriteEvents(output, format, store.ReadEvents(new EventQuery { System = system, Since = since }), costs!),
            ExportKind.Sessions => TelemetryExport.WriteSessions(output, format, store.ReadSessions(new SessionQuery { System = system, Since = since })),
            ExportKind.Snapshots => TelemetryExport.WriteSnapshots(output, format, store.ReadSnapshots(new SnapshotQuery { System = system, Since = since })),
            _ => TelemetryExport.WriteAlerts(output, format, store.ReadAlertRows().Where(x => (system is null || x.System == system) && (since is null || x.Timestamp >= since))),
        };

        string? file = a.Single("output");
        if (file is null)
        {
            cli.Out.Flush();
            Write(cli.Out.BaseStream);
            return ExitCodes.Ok;
        }

        long rows = 0;
        AtomicFile.Write(file, output => rows = Write(output), UnixFileMode.UserRead | UnixFileMode.UserWrite);
        cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"export: {rows} {kind.ToString().ToLowerInvariant().TrimEnd('s')} row(s) written to {Path.GetFullPath(file)}."));
        return ExitCodes.Ok;
    }
}
