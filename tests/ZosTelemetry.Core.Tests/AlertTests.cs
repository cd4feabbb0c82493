// Alerts: loops, stalls and error bursts found at close and written to alerts-YYYY-MM.jsonl beside the summary;
// cost spikes found across a system's sessions; a re-close supersedes; ordinary sessions raise nothing; and the alert
// files go through the store's repair, prune, reset and merge like the other sinks.
using ZosTelemetry.Alerts;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class AlertTests : IDisposable
{
    private readonly TempRoot temp = new();
    private DateTimeOffset now = Make.Now;

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore NewStore(string? root = null) => new(root ?? Root, w => Assert.Fail("unexpected warning: " + w), () => now);

    private static DateTimeOffset T0 => Make.Utc(2026, 6, 10, 9, 0);

    private static TelemetryEvent E(string session, string kind, double seconds, string? tool = null, string system = "ci-agent", double? cost = null) => new()
    {
        Timestamp = T0.AddSeconds(seconds), SessionId = session, System = system, Kind = kind, Tool = tool, CostUsd = cost,
    };

    /// <summary>An ordinary run: turns and varied tool calls every 20 to 40 seconds, one failed result, one error.</summary>
    private static IEnumerable<TelemetryEvent> Ordinary(string session, double cost = 0.1, string system = "ci-agent")
    {
        string[] tools = ["Read", "Bash", "Edit", "Read", "Grep", "Bash"];
        yield return E(session, "user_message", 0, system: system);
        for (int i = 0; i < tools.Length; i++)
        {
            yield return E(session, "tool_call", 30 * i + 10, tools[i], system);
            yield return E(session, "tool_result", 30 * i + 20, tools[i], system);
        }

        yield return E(session, "error", 200, system: system);
        yield return E(session, "assistant_message", 240, system: system, cost: cost);
    }

    [Fact]
    public void Close_OrdinarySession_RaisesNothingAndWritesNoAlertFile()
    {
        var store = NewStore();
        store.Append(Ordinary("run-1"));
        Assert.Equal(0, store.Close("run-1").Alerts);
        Assert.Empty(SinkFiles.List(Root, SinkKind.Alerts));
    }

    [Fact]
    public void Close_SameToolEightTimesInARow_WritesALoopAlert()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 9).Select(i => E("run-1", "tool_call", 5 * i, "Bash")).Append(E("run-1", "tool_call", 60, "Read")));

        var summary = store.Close("run-1");

        Assert.Equal(1, summary.Alerts);
        var alert = Assert.Single(store.ReadAlertRows());
        Assert.Equal((AlertTypes.Loop, 9L, "Bash", AlertSeverities.Warning), (alert.Type, alert.Count!.Value, alert.Tool!, alert.Severity));
        Assert.Equal(T0, alert.Timestamp);
        Assert.Equal(summary.ClosedAt, alert.ClosedAt);
    }

    [Fact]
    public void Close_LongGapAgainstTheMedian_WritesAStallAlert()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 10).Select(i => E("run-1", "tool_call", 10 * i, "T" + i)).Append(E("run-1", "tool_call", 90 + 1800, "Z")));

        var alert = Assert.Single(AlertReport.Find(Close(store)).Alerts);

        Assert.Equal((AlertTypes.Stall, 1800.0, AlertSeverities.Info), (alert.Type, alert.GapSeconds!.Value, alert.Severity));
    }

    [Fact]
    public void Close_FiveErrorsWithinTwoMinutes_WritesAnErrorBurst()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 5).Select(i => E("run-1", "error", 20 * i)));
        var alert = Assert.Single(AlertReport.Find(Close(store)).Alerts);
        Assert.Equal((AlertTypes.ErrorBurst, 5L), (alert.Type, alert.Count!.Value));
    }

    [Fact]
    public void Close_FourErrorsWithinTwoMinutesOrFiveSpreadOut_RaisesNothing()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 4).Select(i => E("run-1", "error", 20 * i)).Concat(Enumerable.Range(0, 5).Select(i => E("run-2", "error", 200 * i))));
        store.Close("run-1");
        store.Close("run-2");
        Assert.Empty(AlertReport.Find(store).Alerts);
    }

    [Fact]
    public void Find_ReclosedUnderALooserThreshold_OnlyTheLatestCloseCounts()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 9).Select(i => E("run-1", "tool_call", 5 * i, "Bash")));
        store.Close("run-1");
        now = now.AddMinutes(1);
        var reclosed = store.Close("run-1", options: new SessionCloseOptions { AlertOptions = new AlertOptions { LoopCalls = 20 } });

        Assert.Equal(0, reclosed.Alerts);
        Assert.Empty(AlertReport.Find(store).Alerts);
    }

    [Fact]
    public void Find_StricterThresholdThanAtClose_FiltersStoredAlerts()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 9).Select(i => E("run-1", "tool_call", 5 * i, "Bash")));
        store.Close("run-1");
        Assert.Single(AlertReport.Find(store).Alerts);
        Assert.Empty(AlertReport.Find(store, options: new AlertOptions { LoopCalls = 10 }).Alerts);
    }

    [Fact]
    public void Find_OneSessionFarAboveTheSystemsMedianCost_IsACostSpike()
    {
        var store = NewStore();
        for (int i = 0; i < 24; i++)
        {
            store.Append(Ordinary($"run-{i}", cost: 0.10 + (0.001 * (i % 7))));
            store.Close($"run-{i}");
        }

        store.Append(Ordinary("run-big", cost: 3.0));
        store.Close("run-big");

        var spike = Assert.Single(AlertReport.Find(store).Alerts);
        Assert.Equal((AlertTypes.CostSpike, "run-big", AlertSeverities.Critical), (spike.Type, spike.SessionId, spike.Severity));
        Assert.True(spike.Z > 5);
        Assert.Equal(0.103, spike.MedianCostUsd!.Value, 3);
    }

    [Fact]
    public void Find_FewerThanTwentySessions_NoCostSpike()
    {
        var store = NewStore();
        for (int i = 0; i < 10; i++)
        {
            store.Append(Ordinary($"run-{i}", cost: 0.10 + (0.001 * i)));
            store.Close($"run-{i}");
        }

        store.Append(Ordinary("run-big", cost: 3.0));
        store.Close("run-big");
        Assert.Empty(AlertReport.Find(store).Alerts);
    }

    [Fact]
    public void Find_StoreOfOrdinarySessions_ZeroAlerts()
    {
        var store = NewStore();
        var random = new Random(7);
        for (int i = 0; i < 60; i++)
        {
            store.Append(Ordinary($"run-{i}", cost: 0.05 + (random.NextDouble() * 0.2), system: i % 2 == 0 ? "agent-a" : "agent-b"));
            store.Close($"run-{i}");
        }

        var report = AlertReport.Find(store);
        Assert.Empty(report.Alerts);
        Assert.Equal(60, report.Sessions);
        Assert.Contains("No alerts over 60 closed sessions.", report.RenderText());
        Assert.Contains("loop >= 8", report.RenderText());
    }

    [Fact]
    public void Doctor_TornAlertLine_IsReportedAndRepairedAway()
    {
        var store = NewStore();
        store.Append(Enumerable.Range(0, 9).Select(i => E("run-1", "tool_call", 5 * i, "Bash")));
        store.Close("run-1");
        string file = SinkFiles.List(Root, SinkKind.Alerts).Single().Path;
        File.AppendAllText(file, "{\"schema\":1,\"ts\":\"2026-06-1");

        var report = new StoreDoctor(store).Examine();
        var alerts = Assert.Single(report.Files, f => f.Kind == StoreFileKind.Alerts);
        Assert.Equal(1, alerts.Rows);
        Assert.Single(alerts.Skipped);

        new StoreDoctor(store).Repair();
        Assert.Single(File.ReadAllLines(file));
        Assert.Single(store.ReadAlertRows());
    }

    [Fact]
    public void PruneResetAndMerge_AlertRows_AreTreatedLikeTheOtherSinks()
    {
        var source = NewStore(temp.Combine("source"));
        source.Append(Enumerable.Range(0, 9).Select(i => E("run-1", "tool_call", 5 * i, "Bash")));
        source.Close("run-1");

        var target = NewStore();
        var merged = new StoreMerger(target, clock: () => now).Merge([source.Root]).Single();
        new StoreMerger(target, clock: () => now).Merge([source.Root]);
        Assert.Equal((1L, 1L), (merged.AlertsRead, merged.AlertsAdded));
        Assert.Single(target.ReadAlertRows());

        Assert.Equal(1, StoreReset.Plan(target).AlertRows);
        var pruned = StoreRetention.Prune(target, Make.Utc(2026, 7, 1));
        Assert.Equal(1, pruned.AlertRowsRemoved);
        Assert.Empty(target.ReadAlertRows());
    }

    private TelemetryStore Close(TelemetryStore store)
    {
        store.Close("run-1");
        return store;
    }
}
