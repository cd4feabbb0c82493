// merge: adds the rows of other stores (one per CI runner, say) to the store named by --root, idempotently: merging
// the same store again adds nothing. Prints one JSON line per source with what it read, added and skipped, and the
// sensitivity and transmission class of what it carried. --with-user-key copies a source's user.key to a target
// without one (never otherwise).
using System.Text.Json;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class MergeCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "merge", ["root"], ["with-user-key"], minPositionals: 1, maxPositionals: int.MaxValue);
        var target = cli.OpenStore(a.Single("root"));
        var results = new StoreMerger(target, w => cli.Err.WriteLine($"{CliApp.Name}: warning: {w}")) { WithUserKey = a.Flag("with-user-key") }.Merge(a.Positionals);

        cli.Out.Flush();
        using var json = new Utf8JsonWriter(cli.Out.BaseStream);
        foreach (var r in results)
        {
            json.WriteStartObject();
            json.WriteString("source", r.Source);
            json.WriteString("target", r.Target);
            json.WriteNumber("events_read", r.EventsRead);
            json.WriteNumber("events_added", r.EventsAdded);
            json.WriteNumber("sessions_read", r.SessionsRead);
            json.WriteNumber("sessions_added", r.SessionsAdded);
            json.WriteNumber("snapshots_read", r.SnapshotsRead);
            json.WriteNumber("snapshots_added", r.SnapshotsAdded);
            json.WriteNumber("rows_skipped", r.RowsSkipped);
            json.WriteNumber("rows_local_only", r.RowsLocalOnly);
            json.WriteString("sensitivity_class", r.SensitivityClass);
            json.WriteString("transmission_class", r.TransmissionClass);
            json.WriteString("user_key", r.UserKey);
            json.WriteEndObject();
            json.Flush();
            cli.Out.BaseStream.Write("\n"u8);
            json.Reset();
        }

        return ExitCodes.Ok;
    }
}
