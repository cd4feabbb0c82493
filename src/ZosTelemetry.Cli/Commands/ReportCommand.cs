// report daily|monthly|session: token and cost totals from the store, per day, month or session and system, with
// per-model rows under --breakdown; days in --timezone (default local); --since/--until are inclusive dates.
// report errors [--by system|model] [--top N]: errors by category per group per UTC day, and the recurring fingerprints.
// report html is the charted page (HtmlReportCommand).
using ZosTelemetry.Reports;
using Errors_ = ZosTelemetry.Errors;

namespace ZosTelemetry.Cli.Commands;

public static class ReportCommand
{
    private static readonly string[] Options = ["root", "database", "since", "until", "system", "timezone", "prices", "by", "top"];

    private static readonly string[] Flags = ["breakdown", "json"];

    private static int Errors(Arguments a, CliContext cli)
    {
        var query = new Store.EventQuery
        {
            System = a.Single("system"), Since = UsageOptions.Timestamp(a, "since"), Until = UsageOptions.Timestamp(a, "until") is DateTimeOffset u ? u.AddDays(1) : null,
        };
        var by = Errors_.ErrorReport.ParseGrouping(a.Single("by") ?? "system");
        int top = a.Int("top") ?? Errors_.ErrorReport.DefaultTop;
        var report = cli.OpenTeamDatabase(a) is { } database
            ? Errors_.ErrorReport.Build(database, query, by, top)
            : Errors_.ErrorReport.Build(cli.OpenReadStore(a), query, by, top);
        UsageOptions.WriteText(cli, a.Flag("json") ? report.RenderJson() : report.RenderText());
        return ExitCodes.Ok;
    }

    public static int Run(string[] args, CliContext cli)
    {
        if (args.Length > 0 && args[0] == "html")
        {
            return HtmlReportCommand.Run(args[1..], cli);
        }

        var a = Arguments.Parse(args, "report", Options, Flags, positionals: 1);
        string report = a.Positionals[0];
        if (report == "errors")
        {
            return Errors(a, cli);
        }

        if (report is not ("daily" or "monthly" or "session"))
        {
            throw new UsageException($"report: the report's name is not daily, monthly, session, errors or html{KnownNames.Suggestion(report, ["daily", "monthly", "session", "errors", "html"])}");
        }

        if (a.Single("by") is not null || a.Single("top") is not null)
        {
            throw new UsageException("report: --by and --top belong to report errors.");
        }

        var tz = ReportArguments.ParseTimeZone(a.Single("timezone"));
        var query = UsageQuery.Create(
            a.Single("system"),
            a.Single("since") is string s ? ReportArguments.ParseDate("--since", s) : null,
            a.Single("until") is string u ? ReportArguments.ParseDate("--until", u) : null,
            tz,
            UsageOptions.Prices(a).Prices);

        bool breakdown = a.Flag("breakdown");
        if (report != "session" && cli.OpenTeamDatabase(a) is { } database)
        {
            var summed = UsageReport.ByPeriod(database, report == "daily" ? UsagePeriod.Day : UsagePeriod.Month, query);
            Write(cli, a.Flag("json"), () => UsageReportRenderer.Json(report, tz, summed, breakdown), () => UsageReportRenderer.Text(report == "daily" ? "Date" : "Month", summed, breakdown));
            return ExitCodes.Ok;
        }

        if (report == "session")
        {
            // Streamed: above the spill threshold the rows come from scratch files and never all sit in memory. Over a
            // database the sessions are counted and summed in SQL.
            using var sessions = cli.OpenTeamDatabase(a) is { } team ? UsageReport.StreamBySession(team, query) : UsageReport.StreamBySession(cli.OpenReadStore(a), query);
            if (a.Flag("json"))
            {
                cli.Out.Flush();
                UsageReportRenderer.WriteJson(cli.Out.BaseStream, tz, sessions, breakdown);
                cli.Out.BaseStream.Write("\n"u8);
            }
            else
            {
                UsageReportRenderer.WriteText(cli.Out, sessions, tz, breakdown);
            }

            return ExitCodes.Ok;
        }

        var rows = UsageReport.ByPeriod(cli.OpenReadStore(a), report == "daily" ? UsagePeriod.Day : UsagePeriod.Month, query);
        Write(cli, a.Flag("json"), () => UsageReportRenderer.Json(report, tz, rows, breakdown), () => UsageReportRenderer.Text(report == "daily" ? "Date" : "Month", rows, breakdown));
        return ExitCodes.Ok;
    }

    private static void Write(CliContext cli, bool json, Func<byte[]> asJson, Func<string> asText)
    {
        if (json)
        {
            cli.Out.Flush();
            cli.Out.BaseStream.Write(asJson());
            cli.Out.BaseStream.Write("\n"u8);
        }
        else
        {
            cli.Out.Write(asText());
        }
    }
}
