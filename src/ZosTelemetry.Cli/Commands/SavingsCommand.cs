// savings: what routing between models and prompt caching saved, against one baseline model; text, --markdown or --json.
using ZosTelemetry.Savings;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class SavingsCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "savings", ["root", "database", "system", "days", "since", "until", "baseline-model", "baseline-tier", "prices"], ["json", "markdown"], positionals: 0);
        if (a.Flag("json") && a.Flag("markdown"))
        {
            throw new UsageException("savings: choose one of --json and --markdown.");
        }

        var options = new SavingsOptions
        {
            System = a.Single("system"),
            Days = a.Int("days"),
            Since = UsageOptions.Timestamp(a, "since"),
            Until = UsageOptions.Timestamp(a, "until"),
            BaselineModel = a.Single("baseline-model"),
            BaselineTier = a.Single("baseline-tier"),
        };
        var (since, until) = options.Window();
        var prices = UsageOptions.Prices(a).Prices;
        var report = cli.OpenTeamDatabase(a) is { } database
            ? SavingsCalculator.Compute(database, prices, options)
            : SavingsCalculator.Compute(cli.OpenReadStore(a).ReadEvents(new EventQuery { System = options.System, Since = since, Until = until }), prices, options);
        UsageOptions.WriteText(cli, a.Flag("json") ? SavingsJson.Render(report) : SavingsText.Render(report, markdown: a.Flag("markdown")));
        return ExitCodes.Ok;
    }
}
