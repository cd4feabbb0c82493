// alerts: the alerts of closed sessions (those each close wrote, and the cost spikes known only across sessions),
// one row per alert, with the thresholds printed beside them.
using ZosTelemetry.Alerts;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class AlertsCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "alerts", ["root", "database", "system", "since", "until", .. AlertArguments.Names], ["json"], positionals: 0);
        var query = new SessionQuery { System = a.Single("system"), Since = UsageOptions.Timestamp(a, "since"), Until = UsageOptions.Timestamp(a, "until") };
        var report = cli.OpenTeamDatabase(a) is { } database
            ? AlertReport.Find(database, query, AlertArguments.Options(a), cli.Warn)
            : AlertReport.Find(cli.OpenReadStore(a), query, AlertArguments.Options(a));
        UsageOptions.WriteText(cli, a.Flag("json") ? report.RenderJson() : report.RenderText());
        return ExitCodes.Ok;
    }
}
