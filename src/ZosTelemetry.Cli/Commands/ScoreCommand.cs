// score: the model quality score per model, executor variant or system, ranked, with its formula and weights.
using ZosTelemetry.Scores;
using ZosTelemetry.Store;

namespace ZosTelemetry.Cli.Commands;

public static class ScoreCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "score", ["root", "database", "by", "cost-weight", "error-weight", "system", "since", "until"], ["json"], positionals: 0);
        var options = new ScoreOptions
        {
            By = ScoreOptions.ParseGrouping(a.Single("by") ?? "model"),
            CostWeight = a.Double("cost-weight") ?? ScoreOptions.DefaultCostWeight,
            ErrorWeight = a.Double("error-weight") ?? ScoreOptions.DefaultErrorWeight,
        };
        var query = new SessionQuery { System = a.Single("system"), Since = UsageOptions.Timestamp(a, "since"), Until = UsageOptions.Timestamp(a, "until") };
        var report = cli.OpenTeamDatabase(a) is { } database
            ? ModelScorer.Score(Sync.TeamRows.ReadSessions(database, query, cli.Warn), options)
            : ModelScorer.Score(cli.OpenReadStore(a), query, options);
        UsageOptions.WriteText(cli, a.Flag("json") ? report.RenderJson() : report.RenderText());
        return ExitCodes.Ok;
    }
}
