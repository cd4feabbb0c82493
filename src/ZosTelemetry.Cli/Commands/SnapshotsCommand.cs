// snapshots: the stored quality snapshots that match, newest last (a table, or --json: the rows as stored, one per
// line); --last N reads from the end of the newest files and stops at N. With --compare: drift per system, the last
// --last days (default 7) against the --baseline days before them (default 30), as a table, --json or --markdown.
using System.Globalization;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class SnapshotsCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "snapshots", ["root", "database", "system", "user", "last", "since", "until", "baseline"], ["json", "markdown", "compare"], positionals: 0);
        if (a.Flag("json") && a.Flag("markdown"))
        {
            throw new UsageException("snapshots: choose one of --json and --markdown.");
        }

        if (a.Single("database") is not null && a.Single("user") is not null)
        {
            throw new UsageException("snapshots --user: " + Sync.TeamRows.UserFilterRefused);
        }

        // Over a database the server selects the rows (system, window, the newest N); a local store reads its files.
        var database = cli.OpenTeamDatabase(a);
        var store = database is null ? cli.OpenReadStore(a) : null;
        IEnumerable<QualitySnapshot> Read(SnapshotQuery q) => database is not null ? Sync.TeamRows.ReadSnapshots(database, q, cli.Warn) : store!.ReadSnapshots(q);
        string? system = a.Single("system");
        if (a.Flag("compare"))
        {
            if (a.Single("user") is not null || a.Single("since") is not null || a.Single("until") is not null)
            {
                throw new UsageException("snapshots --compare: the windows are set by --last and --baseline (days); --user, --since and --until do not apply.");
            }

            var options = new DriftOptions { Last = a.Int("last") ?? 7, Baseline = a.Int("baseline") ?? 30, System = system };
            var report = SnapshotDriftAnalyzer.Compare(Read(new SnapshotQuery { System = system, Since = options.BaselineSince }), options);
            UsageOptions.WriteText(cli, a.Flag("json") ? SnapshotText.RenderDriftJson(report) : a.Flag("markdown") ? SnapshotText.RenderDriftMarkdown(report) : SnapshotText.RenderDrift(report));
            return ExitCodes.Ok;
        }

        if (a.Flag("markdown") || a.Single("baseline") is not null)
        {
            throw new UsageException("snapshots: --markdown and --baseline go with --compare.");
        }

        var query = new SnapshotQuery
        {
            System = system, User = store is null ? null : UsageOptions.LookupUser(a, store), Last = a.Int("last"),
            Since = UsageOptions.Timestamp(a, "since"), Until = UsageOptions.Timestamp(a, "until"),
        };
        if (a.Flag("json"))
        {
            cli.Out.Flush();
            foreach (var s in Read(query))
            {
                cli.Out.BaseStream.Write(SnapshotRowCodec.Line(s));
            }

            return ExitCodes.Ok;
        }

        var rows = Read(query).ToList();
        UsageOptions.WriteText(cli, rows.Count == 0 ? "no snapshots." : SnapshotText.RenderTable(rows));
        return ExitCodes.Ok;
    }
}
