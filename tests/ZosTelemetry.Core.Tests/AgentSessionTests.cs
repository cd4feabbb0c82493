// Closing an agent run: tool calls and failures, errors by category, outcome, attempts and first-shot success in the
// summary row; rows written before these fields existed still read, with the fields null; the scan's fast path reads
// the new fields exactly as the complete parse does.
using System.Buffers;
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class AgentSessionTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private TelemetryStore NewStore() => new(temp.Combine("store"), w => Assert.Fail("unexpected warning: " + w), () => Make.Now);

    private static DateTimeOffset At(int minute, int second = 0) => Make.Utc(2026, 6, 10, 12, minute, second);

    private static TelemetryEvent E(string kind, int minute, string? tool = null, bool? ok = null, string? category = null, string? outcome = null, long? attempt = null, string? variant = "v1") => new()
    {
        Timestamp = At(minute), SessionId = "run-1", System = "ci-agent", Kind = kind, Tool = tool, Ok = ok,
        ErrorCategory = category, Outcome = outcome, Attempt = attempt, Variant = variant,
    };

    internal static IEnumerable<TelemetryEvent> Run(string outcome = "success", long attempt = 1) =>
    [
        E("session_start", 0, attempt: attempt),
        E("tool_call", 1, tool: "Bash"),
        E("tool_result", 1, tool: "Bash", ok: false),
        E("tool_call", 2, tool: "Read"),
        E("tool_result", 2, tool: "Read", ok: true),
        E("error", 3, category: "rate_limit"),
        E("error", 4, category: "rate_limit"),
        E("error", 5),
        E("session_end", 6, outcome: outcome, attempt: attempt),
    ];

    [Fact]
    public void Close_AgentRun_SummarisesToolsErrorsAndOutcome()
    {
        var store = NewStore();
        store.Append(Run());

        var s = store.Close("run-1");

        Assert.Equal(2, s.ToolCalls);
        Assert.Equal(1, s.ToolFailures);
        Assert.Equal(new Dictionary<string, long> { ["rate_limit"] = 2, ["other"] = 1 }, s.ErrorsByCategory);
        Assert.Equal("rate_limit=2 other=1", s.Errors);
        Assert.Equal("success", s.Outcome);
        Assert.Equal(1, s.Attempts);
        Assert.True(s.FirstShotSuccess);
        Assert.Equal(0, s.Alerts);
        Assert.Equal("v1", s.Variant);
    }

    [Fact]
    public void Close_SecondAttemptSucceeded_IsNotAFirstShot()
    {
        var store = NewStore();
        store.Append(Run(attempt: 2));
        var s = store.Close("run-1");
        Assert.Equal((2L, false), (s.Attempts!.Value, s.FirstShotSuccess!.Value));
    }

    [Fact]
    public void Close_OutcomeOption_FillsInOnlyWhereNoSessionEndSaidIt()
    {
        var store = NewStore();
        store.Append([E("tool_call", 1, tool: "Bash"), E("assistant_message", 2)]);
        var given = store.Close("run-1", options: new SessionCloseOptions { Outcome = "failure", Attempts = 3 });
        Assert.Equal(("failure", 3L, false), (given.Outcome!, given.Attempts!.Value, given.FirstShotSuccess!.Value));

        store.Append([E("session_end", 3, outcome: "success")]);
        var said = store.Close("run-1", options: new SessionCloseOptions { Outcome = "failure" });
        Assert.Equal("success", said.Outcome);
    }

    [Fact]
    public void Close_NoOutcomeAnywhere_WritesNullNeverAGuess()
    {
        var store = NewStore();
        store.Append([E("tool_call", 1, tool: "Bash")]);
        var s = store.Close("run-1");
        Assert.Null(s.Outcome);
        Assert.Null(s.FirstShotSuccess);
        Assert.Null(s.Attempts);
        Assert.Contains("\"outcome\":null", File.ReadAllText(Directory.GetFiles(temp.Combine("store"), "sessions-*.jsonl").Single()));
    }

    [Fact]
    public void Close_BadOutcomeOption_IsRefusedAndWritesNothing()
    {
        var store = NewStore();
        store.Append([E("tool_call", 1, tool: "Bash")]);
        Assert.Equal("outcome", Assert.Throws<TelemetryValidationException>(() => store.Close("run-1", options: new SessionCloseOptions { Outcome = "won" })).Field);
        Assert.Empty(Directory.GetFiles(temp.Combine("store"), "sessions-*.jsonl"));
    }

    [Fact]
    public void TryParseSession_RowWithoutAgentFields_ReadsWithThemNull()
    {
        const string old = "{\"schema\":1,\"ts_closed\":\"2026-06-10T12:00:00.000Z\",\"session_id\":\"s\",\"system\":\"x\",\"context\":null,\"model\":null,\"detector_version\":1,\"turns\":2,\"user_turns\":1,\"corrections\":0,\"events\":2,\"tokens_in\":0,\"tokens_out\":0,\"cost_usd\":0,\"first_ts\":\"2026-06-10T11:00:00.000Z\",\"last_ts\":\"2026-06-10T11:01:00.000Z\",\"duration_s\":60}";
        Assert.True(RowCodec.TryParseSession(Encoding.UTF8.GetBytes(old), out var s, out _));
        Assert.Null(s!.ToolCalls);
        Assert.Null(s.ErrorsByCategory);
        Assert.Null(s.Alerts);
        Assert.True(SessionRowReader.TryReadPlain(Encoding.UTF8.GetBytes(old), out var facts));
        Assert.Null(facts.ToolFailures);
        Assert.False(facts.HasErrors);
    }

    [Fact]
    public void SessionRowReader_AgentRow_FastPathGivesTheCompleteParsesSummary()
    {
        var store = NewStore();
        store.Append(Run());
        var closed = store.Close("run-1");
        var buffer = new ArrayBufferWriter<byte>();
        RowCodec.WriteSession(buffer, closed);
        byte[] row = buffer.WrittenSpan.ToArray();

        Assert.True(SessionRowReader.TryReadPlain(row, out var facts));
        Assert.True(RowCodec.TryParseSession(row, out var parsed, out _));
        var fast = SessionRowReader.ToSummary(facts, new Utf8Names(), new Utf8Names(), new Utf8Names());
        Assert.Equal((parsed!.ToolCalls, parsed.ToolFailures, parsed.Outcome, parsed.FirstShotSuccess, parsed.Attempts, parsed.Alerts, parsed.Variant),
            (fast.ToolCalls, fast.ToolFailures, fast.Outcome, fast.FirstShotSuccess, fast.Attempts, fast.Alerts, fast.Variant));
        Assert.Equal(parsed.ErrorsByCategory, fast.ErrorsByCategory);
        Assert.Equal(3, SessionRowReader.ErrorTotal(facts.ErrorsRaw));
        Assert.Equal(3, store.ReadSessions().Single().ErrorCount);
    }
}
