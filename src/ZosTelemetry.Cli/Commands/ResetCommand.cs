// reset: deletes every event, session and snapshot file of the store and its import bookkeeping, and says how many rows went. Without --confirm it
// removes nothing, says what it would remove, and exits 2.
using System.Globalization;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class ResetCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "reset", ["root"], ["confirm"], positionals: 0);
        var store = cli.OpenStore(a.Single("root"));
        if (!a.Flag("confirm"))
        {
            var plan = StoreReset.Plan(store);
            cli.Err.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{CliApp.Name}: reset would remove {plan.Rows} row(s) ({plan.EventRows} event(s), {plan.SessionRows} session row(s){Snapshots(plan)}{Alerts(plan.AlertRows)}) in {plan.Files} file(s){plan.ImportNote} from {plan.Root}; nothing was removed. Run again with --confirm to remove them."));
            return ExitCodes.Usage;
        }

        var result = StoreReset.Reset(store);
        cli.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reset: removed {result.Rows} row(s) ({result.EventRows} event(s), {result.SessionRows} session row(s){Snapshots(result)}{Alerts(result.AlertRows)}) in {result.Files} file(s){result.ImportNote} from {result.Root}."));
        return ExitCodes.Ok;
    }

    /// <summary>Alert rows are named only when there are some, so a store without agent runs reads as before.</summary>
    private static string Alerts(long rows) => rows == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {rows} alert row(s)");

    private static string Snapshots(ResetResult r) =>
        r.SnapshotRows > 0 ? string.Create(CultureInfo.InvariantCulture, $", {r.SnapshotRows} snapshot row(s)") : "";
}
