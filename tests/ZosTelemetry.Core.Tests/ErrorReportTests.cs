// The error report: errors by category per group per day, by system or by model (a session's model for errors without
// one), and the fingerprints that recur most.
using ZosTelemetry.Errors;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ErrorReportTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private TelemetryStore NewStore() => new(temp.Combine("store"), w => Assert.Fail("unexpected warning: " + w), () => Make.Now);

    private static TelemetryEvent Error(string session, string system, int day, string message, string? model = null, string kind = "error")
    {
        var c = ErrorClassifier.Classify(message);
        return new TelemetryEvent
        {
            Timestamp = Make.Utc(2026, 6, day), SessionId = session, System = system, Kind = kind, Model = model,
            ErrorCategory = c.Category, ErrorFingerprint = c.Fingerprint,
        };
    }

    [Fact]
    public void Build_BySystem_CountsPerDayGroupAndCategoryWithRecurringFingerprints()
    {
        var store = NewStore();
        store.Append(
        [
            Error("r1", "agent-a", 1, "429 Too Many Requests for req_1"),
            Error("r2", "agent-a", 1, "429 Too Many Requests for req_2"),
            Error("r3", "agent-b", 1, "429 Too Many Requests for req_3"),
            Error("r3", "agent-b", 2, "Request timed out after 30s"),
            new TelemetryEvent { Timestamp = Make.Utc(2026, 6, 2), SessionId = "r4", System = "agent-b", Kind = "api_error" },
            new TelemetryEvent { Timestamp = Make.Utc(2026, 6, 2), SessionId = "r4", System = "agent-b", Kind = "tool_call", Tool = "Bash" },
        ]);

        var report = ErrorReport.Build(store);

        Assert.Equal(
            [("2026-06-01", "agent-a", "rate_limit", 2L, 2), ("2026-06-01", "agent-b", "rate_limit", 1L, 1), ("2026-06-02", "agent-b", "api_error", 1L, 1), ("2026-06-02", "agent-b", "timeout", 1L, 1)],
            report.Days.Select(d => (d.Day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), d.Group, d.Category, d.Errors, d.Sessions)));
        var top = Assert.Single(report.Fingerprints);
        Assert.Equal(("rate_limit", 3L, 3, "agent-a, agent-b"), (top.Category, top.Count, top.Sessions, top.Groups));
        Assert.Contains("Recurring errors", report.RenderText());
    }

    [Fact]
    public void Build_ByModel_UsesTheSessionsModelForErrorsWithoutOne()
    {
        var store = NewStore();
        store.Append([new TelemetryEvent { Timestamp = Make.Utc(2026, 6, 1), SessionId = "r1", System = "a", Kind = "assistant_message", Model = "m-big" }, Error("r1", "a", 1, "overloaded"), Error("r2", "a", 1, "overloaded")]);
        store.Close("r1");

        var report = ErrorReport.Build(store, by: ErrorGrouping.Model);

        Assert.Equal(["(no model)", "m-big"], report.Days.Select(d => d.Group));
    }

    [Fact]
    public void Build_NoErrors_SaysSo() => Assert.Equal("No errors recorded.\n", ErrorReport.Build(NewStore()).RenderText());
}
