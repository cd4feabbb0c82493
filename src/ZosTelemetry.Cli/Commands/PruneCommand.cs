// prune: removes the rows older than --older-than (days, an ISO date, or "default" = 90 days); --dry-run only says
// what would go. Whole old months are deleted; the month straddling the horizon is rewritten atomically.
using System.Globalization;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class PruneCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "prune", ["root", "older-than"], ["dry-run"], positionals: 0);
        var horizon = RetentionHorizon.Parse(a.Required("older-than", "prune")).Resolve(DateTimeOffset.UtcNow);
        var result = StoreRetention.Prune(cli.OpenStore(a.Single("root")), horizon, a.Flag("dry-run"));
        cli.Out.WriteLine(Describe(result));
        return ExitCodes.Ok;
    }

    internal static string Describe(PruneResult r)
    {
        string before = Iso8601.Format(r.Horizon);
        if (r.RowsRemoved == 0)
        {
            return $"prune: nothing older than {before} in {r.Root}.";
        }

        string verb = r.DryRun ? "would remove" : "removed";
        string files = string.Join("; ", new[]
        {
            r.FilesDeleted.Count > 0 ? (r.DryRun ? "would delete " : "deleted ") + string.Join(", ", r.FilesDeleted) : null,
            r.FilesRewritten.Count > 0 ? (r.DryRun ? "would rewrite " : "rewrote ") + string.Join(", ", r.FilesRewritten) : null,
        }.Where(f => f is not null));
        string kept = r.UnreadableLinesKept > 0 ? string.Create(CultureInfo.InvariantCulture, $"; kept {r.UnreadableLinesKept} unreadable line(s) of unknown time") : "";
        return string.Create(CultureInfo.InvariantCulture, $"prune: {verb} {r.EventsRemoved} event(s){(r.SnapshotRowsRemoved > 0 ? $", {r.SessionRowsRemoved} session row(s) and {r.SnapshotRowsRemoved} snapshot row(s)" : $" and {r.SessionRowsRemoved} session row(s)")}{(r.AlertRowsRemoved == 0 ? "" : $" and {r.AlertRowsRemoved} alert row(s)")} older than {before} ({files}){kept}.");
    }
}
