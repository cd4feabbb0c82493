// The kind rule and the per-family marker rule of schemas/index.json, both ways: a kind is one a family lists or a
// user's own x.<code>, and an event carries only the marker families its family declares. Writers (append, import,
// merge) refuse what breaks them, readers skip a row of an unknown kind, and the doctor flags a stored row whose
// markers break its family's list.
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class KindAndMarkerFamilyTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private static TelemetryValidationException Refused(TelemetryEvent e) =>
        Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(e, Make.Now));

    [Theory]
    [InlineData("my_kind")]
    [InlineData("deploy")]
    [InlineData("custom")]
    [InlineData("x.")]
    [InlineData("x.this-code-is-far-too-long")]
    [InlineData("y.deploy")]
    public void Validate_KindOfNoFamily_IsRefusedWithoutQuotingIt(string kind)
    {
        var ex = Refused(Make.Event(kind: kind));

        Assert.Equal("kind", ex.Field);
        Assert.DoesNotContain($"kind {kind}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_KindOfNoFamily_SaysTheKindsAndTheUserNamespace()
    {
        var ex = Refused(Make.Event(kind: "my_kind"));

        Assert.Contains("no event family", ex.Message, StringComparison.Ordinal);
        Assert.Contains("tool_call", ex.Message, StringComparison.Ordinal);
        Assert.Contains("x.<code>", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("x.deploy")]
    [InlineData("x.build_step-2")]
    [InlineData("llm_call")]
    [InlineData("session_end")]
    public void Validate_DeclaredOrUserKind_IsAccepted(string kind) =>
        Assert.Equal(kind, EventValidator.Validate(Make.Event(kind: kind), Make.Now).Kind);

    [Theory]
    [InlineData("tool_result", "corr.strong.1")]
    [InlineData("tool_call", "api.error")]
    [InlineData("user_message", "tool.error")]
    [InlineData("llm_call", "corr.weak.2")]
    [InlineData("session_start", "det.v2")]
    [InlineData("x.deploy", "corr.strong.1")]
    [InlineData("x.deploy", "usage.missing")]
    public void Validate_MarkerOfAFamilyTheKindDoesNotDeclare_IsRefused(string kind, string marker)
    {
        var ex = Refused(Make.Event(kind: kind, markers: [marker]));

        Assert.Equal("markers", ex.Field);
        Assert.Contains($"on kind {kind}", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(marker, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("user_message", new[] { "corr.strong.1", "det.v2", "x.ticket" })]
    [InlineData("assistant_message", new[] { "usage.missing", "model.refused" })]
    [InlineData("user_interrupt", new[] { "user.interrupt" })]
    [InlineData("tool_result", new[] { "tool.error", "model.refused", "x.flaky" })]
    [InlineData("api_error", new[] { "api.error", "model.refused" })]
    [InlineData("llm_call", new[] { "usage.missing" })]
    [InlineData("x.deploy", new[] { "x.prod" })]
    public void Validate_MarkersTheKindsFamilyDeclares_AreAccepted(string kind, string[] markers)
    {
        var e = Make.Event(kind: kind, markers: markers);
        if (kind == "api_error")
        {
            e = new TelemetryEvent { Timestamp = e.Timestamp, SessionId = e.SessionId, System = e.System, Kind = kind, Markers = markers, ErrorCategory = "api_error" };
        }

        Assert.Equal(markers, EventValidator.Validate(e, Make.Now).Markers);
    }

    [Fact]
    public void Append_KindOfNoFamily_WritesNothing()
    {
        var store = new TelemetryStore(temp.Path);

        Assert.Throws<TelemetryValidationException>(() => store.Append([Make.Event(), Make.Event(kind: "deploy")]));
        Assert.Empty(store.ReadEvents());
    }

    [Fact]
    public void Read_RowOfAnUnknownKind_IsSkippedWithAReasonThatDoesNotQuoteIt()
    {
        var store = new TelemetryStore(temp.Path);
        store.Append([Make.Event(kind: "x.deploy"), Make.Event()]);
        File.AppendAllText(temp.Combine("events-2026-06.jsonl"),
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"sys","kind":"secretplan","tokens_in":5,"tokens_out":0,"cost_usd":1,"markers":[]}""" + "\n");
        var warnings = new List<StoreWarning>();

        var rows = new TelemetryStore(temp.Path, warnings.Add).ReadEvents().ToList();

        Assert.Equal(["x.deploy", "user_message"], rows.Select(e => e.Kind));
        var warning = Assert.Single(warnings).ToString();
        Assert.Contains("no event family", warning, StringComparison.Ordinal);
        Assert.DoesNotContain("secretplan", warning, StringComparison.Ordinal);
        Assert.Equal(1, new StoreDoctor(store).Examine().Files.Single(f => f.Name.StartsWith("events-", StringComparison.Ordinal)).RemovableLines);
    }

    [Fact]
    public void Doctor_StoredMarkerOfAnotherFamily_IsFlagged()
    {
        var store = new TelemetryStore(temp.Path);
        store.Append(Make.Event());
        File.AppendAllText(temp.Combine("events-2026-06.jsonl"),
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"sys","kind":"tool_result","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":["corr.strong.1"]}""" + "\n");

        var file = new StoreDoctor(store).Examine().Files.Single(f => f.Name.StartsWith("events-", StringComparison.Ordinal));

        var violation = Assert.Single(file.ContractViolations);
        Assert.Contains("on kind tool_result", violation.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Merge_RowsBreakingTheKindOrMarkerRule_AreNotMerged()
    {
        string source = temp.Combine("source");
        Directory.CreateDirectory(source);
        File.WriteAllText(System.IO.Path.Combine(source, "events-2026-06.jsonl"), string.Join('\n',
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"sys","kind":"secretplan","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":[]}""",
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"sys","kind":"tool_result","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":["corr.strong.1"]}""",
            """{"schema":1,"ts":"2026-06-10T18:00:00Z","session_id":"s1","system":"sys","kind":"x.deploy","tokens_in":0,"tokens_out":0,"cost_usd":0,"markers":["x.prod"]}""") + "\n");
        var target = new TelemetryStore(temp.Combine("target"));

        var result = Assert.Single(new StoreMerger(target).Merge([source]));

        Assert.Equal(1, result.EventsAdded);
        Assert.Equal("x.deploy", Assert.Single(target.ReadEvents()).Kind);
    }
}
