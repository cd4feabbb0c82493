// compare: two systems head to head over their closed sessions, as text (default), --json or --markdown.
using ZosTelemetry.Comparison;

namespace ZosTelemetry.Cli.Commands;

public static class CompareCommand
{
    public static int Run(string[] args, CliContext cli)
    {
        var a = Arguments.Parse(args, "compare", ["root", "database", "window"], ["json", "markdown"], positionals: 2);
        if (a.Flag("json") && a.Flag("markdown"))
        {
            throw new UsageException("compare: choose one of --json and --markdown.");
        }

        var options = new ComparisonOptions { WindowDays = a.Int("window") };
        var report = cli.OpenTeamDatabase(a) is { } database
            ? SystemComparer.Compare(database, a.Positionals[0], a.Positionals[1], options)
            : SystemComparer.Compare(cli.OpenReadStore(a), a.Positionals[0], a.Positionals[1], options);
        string rendered = a.Flag("json") ? ComparisonJson.Render(report) : a.Flag("markdown") ? ComparisonMarkdown.Render(report) : ComparisonText.Render(report);
        cli.Out.Write(rendered);
        if (!rendered.EndsWith('\n'))
        {
            cli.Out.WriteLine();
        }

        return ExitCodes.Ok;
    }
}
