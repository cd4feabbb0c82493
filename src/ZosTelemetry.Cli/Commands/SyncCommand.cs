// sync: pushes the store's rows past their per-file cursors into a team PostgreSQL database, each row at most once
// (a second sync sends nothing), only rows whose family may leave the machine. --init creates or migrates the schema
// and the writer/reader roles' grants instead (run it once, as the database's owner). The password never appears in
// what this prints, also on failure.
using System.Text.Json;
using ZosTelemetry.Store;
using ZosTelemetry.Sync;

namespace ZosTelemetry.Cli.Commands;

public static class SyncCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "sync", ["root", "database"], ["init", "json"], positionals: 0);
        using var database = TeamDatabases.Open(TeamDatabases.Resolve(a.Single("database")));
        if (a.Flag("init"))
        {
            int version = database.Initialize();
            WriteJsonOrText(cli, a.Flag("json"), json =>
            {
                json.WriteString("database", database.Display);
                json.WriteNumber("schema_version", version);
            }, $"{database.Display}: schema at version {version}.");
            return ExitCodes.Ok;
        }

        var r = TeamSync.Run(cli.OpenStore(a.Single("root")), database, onWarning: cli.Warn);
        WriteJsonOrText(cli, a.Flag("json"), json =>
        {
            json.WriteString("store", r.Store);
            json.WriteString("database", r.Database);
            json.WriteNumber("events_sent", r.EventsSent);
            json.WriteNumber("sessions_sent", r.SessionsSent);
            json.WriteNumber("snapshots_sent", r.SnapshotsSent);
            json.WriteNumber("alerts_sent", r.AlertsSent);
            json.WriteNumber("rows_new", r.RowsNew);
            json.WriteNumber("rows_local_only", r.RowsLocalOnly);
            json.WriteNumber("rows_skipped", r.RowsSkipped);
            json.WriteString("sensitivity_class", r.SensitivityClass);
            json.WriteString("transmission_class", r.TransmissionClass);
        }, $"{r.Database}: sent {r.RowsSent} row(s) ({r.EventsSent} events, {r.SessionsSent} session summaries, {r.SnapshotsSent} snapshots, {r.AlertsSent} alerts), {r.RowsNew} new; {r.RowsLocalOnly} kept local, {r.RowsSkipped} unreadable skipped.");
        return ExitCodes.Ok;
    }

    private static void WriteJsonOrText(CliContext cli, bool asJson, Action<Utf8JsonWriter> fields, string text)
    {
        if (!asJson)
        {
            cli.Out.WriteLine(text);
            return;
        }

        cli.Out.Flush();
        using (var json = new Utf8JsonWriter(cli.Out.BaseStream))
        {
            json.WriteStartObject();
            fields(json);
            json.WriteEndObject();
        }

        cli.Out.BaseStream.Write("\n"u8);
    }
}
