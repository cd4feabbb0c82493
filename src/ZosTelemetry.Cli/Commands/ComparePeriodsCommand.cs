// compare-periods: the last --period1 days (default 7) against the last --period2 days (default 30); text or --json.
using ZosTelemetry.Comparison;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class ComparePeriodsCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "compare-periods", ["root", "period1", "period2", "system", "prices"], ["json"], positionals: 0);
        var options = new PeriodOptions { Days = a.Int("period1") ?? 7, Against = a.Int("period2") ?? 30, System = a.Single("system") };
        var costs = UsageOptions.Prices(a);
        var events = cli.OpenStore(a.Single("root")).ReadEvents(new EventQuery { System = options.System, Since = options.EarliestSince });
        var report = PeriodComparer.Compare(events, costs, options);
        UsageOptions.WriteText(cli, a.Flag("json") ? PeriodComparisonText.RenderJson(report) : PeriodComparisonText.Render(report));
        return ExitCodes.Ok;
    }
}
