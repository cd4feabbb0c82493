// The suggestion guardrail: suggestions per day and system, a warning only for a loaded model on an active day, and
// the day's snapshots filled with the count.
using ZosTelemetry.Events;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SuggestionGuardrailTests : IDisposable
{
    private static readonly DateOnly Day = new(2026, 6, 10);
    private readonly TempRoot temp = new();
    private readonly TelemetryStore store;

    public SuggestionGuardrailTests()
    {
        store = new TelemetryStore(temp.Combine("store"), clock: () => Make.Now);
    }

    public void Dispose() => temp.Dispose();

    private void Event(string system, string kind, DateTimeOffset ts) =>
        store.Append(new TelemetryEvent { Timestamp = ts, SessionId = "s1", System = system, Kind = kind });

    private QualitySnapshot Snapshot(string system, params PredictionRecord[] records)
    {
        var b = new SnapshotBuilder(new SnapshotOptions { System = system }, Make.Now);
        foreach (var r in records)
        {
            b.Add(r);
        }

        return store.AppendSnapshot(b);
    }

    [Fact]
    public void Check_LoadedModelWithoutSuggestionOnAnActiveDay_Warns()
    {
        Snapshot("router", new PredictionRecord { Label = "unknown" });
        Event("router", EventKinds.UserMessage, Make.Now.AddHours(-1));

        var check = Assert.Single(SuggestionGuardrail.Check(store, Day, modelLoaded: true));

        Assert.True(check.Active);
        Assert.Equal(0, check.Suggestions);
        Assert.True(check.Warning);
        Assert.Contains("no suggestion on 2026-06-10", check.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_WithoutALoadedModel_NeverWarns()
    {
        Snapshot("router", new PredictionRecord { Label = "unknown" });

        Assert.False(Assert.Single(SuggestionGuardrail.Check(store, Day, modelLoaded: false)).Warning);
    }

    [Fact]
    public void Check_CountsSuggestionsPerSystemAndDay_AndFillsThatDaysSnapshots()
    {
        Snapshot("router", new PredictionRecord { Label = "a" });
        Snapshot("intent", new PredictionRecord { Label = "a" });
        Event("router", EventKinds.Suggestion, Make.Now.AddHours(-2));
        Event("router", EventKinds.Suggestion, Make.Now.AddHours(-3));
        Event("router", EventKinds.Suggestion, Make.Now.AddDays(-1)); // another day

        var checks = SuggestionGuardrail.Check(store, Day, modelLoaded: true);

        Assert.Equal(["intent", "router"], checks.Select(c => c.System));
        Assert.Equal((0, true), (checks[0].Suggestions, checks[0].Warning));
        Assert.Equal((2, false, 1), (checks[1].Suggestions, checks[1].Warning, checks[1].SnapshotsFilled));
        var snapshots = store.ReadSnapshots().ToDictionary(s => s.System);
        Assert.Equal(2, snapshots["router"].SuggestionsPerDay);
        Assert.Equal(0, snapshots["intent"].SuggestionsPerDay);
        Assert.Equal(0, SuggestionGuardrail.Check(store, Day, modelLoaded: true).Sum(c => c.SnapshotsFilled)); // already filled
    }

    [Fact]
    public void Check_SuggestedRecords_CountAsSuggestions()
    {
        Snapshot("router", new PredictionRecord { Label = "a", Suggested = true, Timestamp = Make.Now.AddHours(-1) });

        var check = Assert.Single(SuggestionGuardrail.Check(store, Day, modelLoaded: true));

        Assert.Equal(1, check.Suggestions);
        Assert.False(check.Warning);
    }

    [Fact]
    public void Check_DayWithoutActivity_NotActiveNoWarning()
    {
        Snapshot("router", new PredictionRecord { Label = "a" });

        Assert.Empty(SuggestionGuardrail.Check(store, Day.AddDays(-5), modelLoaded: true));
        var named = Assert.Single(SuggestionGuardrail.Check(store, Day.AddDays(-5), modelLoaded: true, system: "router"));
        Assert.False(named.Active);
        Assert.False(named.Warning);
    }

    [Fact]
    public void Check_KeepsUnreadableLinesWhenFilling()
    {
        Snapshot("router", new PredictionRecord { Label = "a" });
        string file = temp.Combine("store", "snapshots-2026-06.jsonl");
        File.AppendAllText(file, "garbage line\n");
        Event("router", EventKinds.Suggestion, Make.Now.AddHours(-1));

        SuggestionGuardrail.Check(store, Day, modelLoaded: true);

        Assert.Contains("garbage line", File.ReadAllLines(file));
        Assert.Equal(1, store.ReadSnapshots().Single().SuggestionsPerDay);
    }
}
