// compare over agent runs: success_rate, tool_failures_per_session, errors_per_session and alerts_per_session with the
// same intervals as every metric, read through the store's fast scan, named in JSON as the issue names them; a store
// of chat sessions renders its table as before.
using System.Text.Json;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Statistics;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class AgentCompareTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private TelemetryStore NewStore() => new(temp.Combine("store"), w => Assert.Fail("unexpected warning: " + w), () => Make.Now);

    private static TelemetryEvent E(string session, string system, string kind, int minute, bool? ok = null, string? outcome = null) => new()
    {
        Timestamp = Make.Utc(2026, 6, 9, 10, minute), SessionId = session, System = system, Kind = kind, Tool = kind.StartsWith("tool", StringComparison.Ordinal) ? "Bash" : null,
        Ok = ok, Outcome = outcome, ErrorCategory = kind == "error" ? "timeout" : null,
    };

    private static void Runs(TelemetryStore store, string system, int n, Func<int, bool> succeeds, int failuresEach, int errorsEach)
    {
        for (int i = 0; i < n; i++)
        {
            string id = $"{system}-{i}";
            var events = new List<TelemetryEvent> { E(id, system, "session_start", 0) };
            for (int f = 0; f < failuresEach; f++)
            {
                events.Add(E(id, system, "tool_result", 1 + f, ok: false));
            }

            for (int k = 0; k < errorsEach; k++)
            {
                events.Add(E(id, system, "error", 10 + (5 * k)));
            }

            events.Add(E(id, system, "session_end", 40, outcome: succeeds(i) ? "success" : "failure"));
            store.Append(events);
            store.Close(id);
        }
    }

    [Fact]
    public void Compare_AgentRuns_HasTheFourRowsWithIntervalsAndTheirJsonNames()
    {
        var store = NewStore();
        Runs(store, "agent-a", 25, i => i % 5 != 0, failuresEach: 1, errorsEach: 0);
        Runs(store, "agent-b", 25, i => i % 2 == 0, failuresEach: 3, errorsEach: 2);

        var report = SystemComparer.Compare(store, "agent-a", "agent-b");

        var success = report.Metrics.Single(m => m.Metric == "success_rate");
        Assert.Equal(0.8, success.MeanA, 10);
        Assert.Equal(13.0 / 25, success.MeanB, 10);
        Assert.NotEqual(IntervalMethod.None, success.Method);
        Assert.Equal(-2, report.Metrics.Single(m => m.Metric == "tool_failures_per_session").Difference, 10);
        Assert.Equal(-2, report.Metrics.Single(m => m.Metric == "errors_per_session").Difference, 10);
        Assert.Equal(0, report.Metrics.Single(m => m.Metric == "alerts_per_session").MeanA);
        Assert.Contains("Success rate", ComparisonText.Render(report));

        using var json = JsonDocument.Parse(ComparisonJson.Render(report));
        var a = json.RootElement.GetProperty("systems").GetProperty("agent-a");
        foreach (string name in new[] { "success_rate", "tool_failures_per_session", "errors_per_session", "alerts_per_session" })
        {
            Assert.Equal(25, a.GetProperty(name).GetProperty("n").GetInt32());
            Assert.Contains(json.RootElement.GetProperty("deltas").EnumerateArray(), d => d.GetProperty("metric").GetString() == name);
        }
    }

    [Fact]
    public void Compare_SessionsFromTheStore_AgreeWithTheCompleteRows()
    {
        var store = NewStore();
        Runs(store, "agent-a", 6, i => i % 2 == 0, failuresEach: 2, errorsEach: 1);
        Runs(store, "agent-b", 6, i => true, failuresEach: 0, errorsEach: 0);

        var fast = SystemComparer.Compare(store, "agent-a", "agent-b");
        var complete = SystemComparer.Compare(store.ReadSessions(), "agent-a", "agent-b");

        Assert.Equal(complete.Metrics.Select(m => (m.Metric, m.MeanA, m.MeanB)), fast.Metrics.Select(m => (m.Metric, m.MeanA, m.MeanB)));
    }

    [Fact]
    public void Render_ChatSessionsOnly_LeavesTheAgentRowsOutOfTheTable()
    {
        var sessions = Enumerable.Range(0, 4).Select(i => new SessionSummary { System = i % 2 == 0 ? "a" : "b", Turns = 3, UserTurns = 1 });
        var report = SystemComparer.Compare(sessions, "a", "b");
        Assert.DoesNotContain("Success rate", ComparisonText.Render(report));
        Assert.DoesNotContain("Alerts", ComparisonMarkdown.Render(report));
        Assert.Equal(11, report.Metrics.Count);
    }
}
