// The report's alerts and scores sections as a specification: AlertReport's and ModelScorer's own figures (the
// defaults of `alerts` and `score`), a mark per alert and an interval and a dot per scored model, the list and the
// table shown, plain sentences when there is nothing to show, and names escaped.
using System.Text.RegularExpressions;
using ZosTelemetry.Alerts;
using ZosTelemetry.Events;
using ZosTelemetry.Reports.Html;
using ZosTelemetry.Scores;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed partial class HtmlReportTests
{
    /// <summary>An agent run hours before Make.Now: a priced model turn, tool calls (loop: one tool that many times in a row), errors, then a close with its outcome.</summary>
    private static void AddRun(TelemetryStore store, string session, string model, string? outcome, int hoursAgo, int loop = 0, int errors = 0, string system = "ci-agent")
    {
        var t0 = Make.Now.AddHours(-hoursAgo);
        var events = new List<TelemetryEvent>
        {
            new() { Timestamp = t0, SessionId = session, System = system, Kind = EventKinds.AssistantMessage, Model = model, TokensIn = 1000, TokensOut = 200, CostUsd = 0.02 },
        };
        string[] tools = loop > 0 ? Enumerable.Repeat("Bash", loop).Append("Read").ToArray() : ["Read", "Edit", "Bash"];
        events.AddRange(tools.Select((tool, i) => new TelemetryEvent { Timestamp = t0.AddSeconds(10 + (10 * i)), SessionId = session, System = system, Kind = "tool_call", Tool = tool }));
        events.AddRange(Enumerable.Range(0, errors).Select(i => new TelemetryEvent { Timestamp = t0.AddSeconds(20 + (5 * i)), SessionId = session, System = system, Kind = "error", ErrorCategory = "timeout" }));
        store.Append(events);
        store.Close(session, options: new SessionCloseOptions { Outcome = outcome });
    }

    /// <summary>Two models of an agent: m-good succeeds 5 times in 6, m-poor twice in 6; one loop and one error burst.</summary>
    private TelemetryStore StoreWithRuns()
    {
        var store = Store(("claude-code", 4), ("codex", 4));
        for (int i = 0; i < 6; i++)
        {
            AddRun(store, $"good-{i}", "m-good", i < 5 ? Outcomes.Success : Outcomes.Failure, 10 + i, loop: i == 0 ? 9 : 0);
            AddRun(store, $"poor-{i}", "m-poor", i < 2 ? Outcomes.Success : Outcomes.Failure, 30 + i, errors: i == 0 ? 6 : 1);
        }

        return store;
    }

    [Fact]
    public void Render_NoAlerts_SaysSoWithTheThresholds()
    {
        var report = Render(Store(("claude-code", 4), ("codex", 5)));

        Assert.Contains("alerts", report.Sections);
        Assert.Contains($"No alerts over 9 closed sessions in all time. Thresholds: {Html.Escape(AlertOptions.Default.Describe())}.", Section(report.Html, "alerts"), StringComparison.Ordinal);
        Assert.DoesNotContain("alerts-timeline", report.Charts);
    }

    [Fact]
    public void Render_Alerts_ListAndChartAreAlertReportsOwn()
    {
        var store = StoreWithRuns();

        var report = Render(store);

        var alerts = AlertReport.Find(store).Alerts;
        Assert.Equal([AlertTypes.ErrorBurst, AlertTypes.Loop], alerts.Select(a => a.Type).Order().ToArray());
        string section = Section(report.Html, "alerts");
        Assert.Equal(alerts.Count, Figures(report.Html).Single(f => f.Id == "alerts-timeline").Drawn);
        string list = Regex.Match(section, "<div class=\"list\" id=\"alert-list\">.*?</div></div>", RegexOptions.Singleline).Value;
        foreach (var a in alerts)
        {
            Assert.Contains($"<td>{a.Type}</td><td>{a.Severity}</td><td>{a.SessionId}</td><td>{a.System}</td><td>{Html.Escape(AlertReport.Figures(a))}</td>", list, StringComparison.Ordinal);
        }

        Assert.Contains("2 alerts over 20 closed sessions in all time", section, StringComparison.Ordinal);
        Assert.DoesNotContain("<details", list, StringComparison.Ordinal); // the list is shown, not folded away
    }

    [Fact]
    public void Render_NoOutcomes_ScoreTableWithoutAChart()
    {
        var report = Render(Store(("claude-code", 4), ("codex", 4)));

        string section = Section(report.Html, "scores");
        Assert.Contains("id=\"score-table\"", section, StringComparison.Ordinal);
        Assert.Contains("has a known outcome: no success rate to draw.", section, StringComparison.Ordinal);
        Assert.DoesNotContain("score-success", report.Charts);
    }

    [Fact]
    public void Render_Outcomes_ScoreTableAndWilsonIntervalsAreModelScorersOwn()
    {
        var store = StoreWithRuns();

        var report = Render(store);

        var scores = ModelScorer.Score(store.ReadSessions(new SessionQuery()));
        string section = Section(report.Html, "scores");
        Assert.Contains(Html.Escape(scores.Formula), section, StringComparison.Ordinal);
        var good = scores.Rows.Single(r => r.Group == "m-good");
        Assert.Equal((0.4365, 0.9699), (Math.Round(good.SuccessLow!.Value, 4), Math.Round(good.SuccessHigh!.Value, 4))); // Wilson, 5 of 6
        foreach (var r in scores.Rows.Where(r => r.SuccessRate is not null))
        {
            string interval = $"{Html.Percent(r.SuccessLow!.Value)}–{Html.Percent(r.SuccessHigh!.Value)}";
            Assert.Contains($"<th scope=\"row\">{r.Rank}</th><td>{r.Group}</td><td>{r.Sessions}</td><td>{r.SessionsWithOutcome}</td><td>{Html.Percent(r.SuccessRate!.Value)}</td><td>{interval}</td>", section, StringComparison.Ordinal);
        }

        // An interval and a dot per model with an outcome (the sample sessions' model has none and is only in the table).
        Assert.Equal(2 * 2, Figures(report.Html).Single(f => f.Id == "score-success").Drawn);
        Assert.Contains("claude-sonnet-4-5", section, StringComparison.Ordinal);
        Assert.Contains("fewer than 20 sessions: indicative only.", section, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NamedSystems_ScoresAndAlertsOnlyTheirs()
    {
        var store = StoreWithRuns();

        var report = Render(store, "claude-code", "codex");

        Assert.Contains("No alerts over 8 closed sessions in all time.", Section(report.Html, "alerts"), StringComparison.Ordinal);
        Assert.DoesNotContain("m-good", Section(report.Html, "scores"), StringComparison.Ordinal);
        Assert.Contains("alerts-timeline", Render(store, "ci-agent").Charts);
    }
}
