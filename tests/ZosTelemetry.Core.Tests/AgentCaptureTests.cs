// Capturing agent runs: the new event fields are validated, stored and read back, and error messages are reduced to a
// category and a fingerprint that cluster the same failure whatever ids, numbers, paths or quoted values it names.
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class AgentCaptureTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private TelemetryStore NewStore() => new(temp.Combine("store"), w => Assert.Fail("unexpected warning: " + w), () => Make.Now);

    private static TelemetryEvent Agent(string kind, string? tool = null, bool? ok = null, string? category = null, string? outcome = null, long? attempt = null) => new()
    {
        Timestamp = Make.Now.AddHours(-1), SessionId = "run-1", System = "ci-agent", Kind = kind, Tool = tool, Ok = ok,
        ErrorCategory = category, Outcome = outcome, Attempt = attempt, TaskId = "task-42", AttemptId = "att-1", Variant = "prompt-v2",
    };

    [Fact]
    public void Append_AgentFields_AreStoredAndReadBack()
    {
        var store = NewStore();
        store.Append([Agent("tool_call", tool: "Bash"), Agent("tool_result", tool: "Bash", ok: false), Agent("error", category: "rate_limit"), Agent("session_end", outcome: "success", attempt: 2)]);

        var rows = store.ReadEvents().ToList();

        Assert.Equal("Bash", rows[0].Tool);
        Assert.False(rows[1].Ok);
        Assert.Equal("rate_limit", rows[2].ErrorCategory);
        Assert.Equal(("success", 2L), (rows[3].Outcome, rows[3].Attempt!.Value));
        Assert.All(rows, r => Assert.Equal(("task-42", "att-1", "prompt-v2"), (r.TaskId!, r.AttemptId!, r.Variant!)));
    }

    [Theory]
    [InlineData("error_category", "error")]
    [InlineData("outcome", "session_end")]
    public void Validate_ValueOutsideTheFixedList_IsRefused(string field, string kind)
    {
        var e = field == "outcome" ? Agent(kind, outcome: "maybe") : Agent(kind, category: "network");
        var ex = Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(e, Make.Now));
        Assert.Equal(field, ex.Field);
    }

    [Fact]
    public void Validate_OkOnAnotherKind_IsRefused() =>
        Assert.Equal("ok", Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(Agent("tool_call", ok: true), Make.Now)).Field);

    [Fact]
    public void Validate_AttemptOnAToolCall_IsRefused() =>
        Assert.Equal("attempt", Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(Agent("tool_call", attempt: 1), Make.Now)).Field);

    [Theory]
    [InlineData("tool", "/usr/bin/bash")]
    [InlineData("tool", "run the tests please")]
    [InlineData("task_id", "fix the login bug")]
    [InlineData("variant", "prompts/v2.txt")]
    public void Validate_TextOrPathsInToolOrIds_AreRefused(string field, string value)
    {
        var e = field switch
        {
            "tool" => Agent("tool_call", tool: value),
            "task_id" => new TelemetryEvent { Timestamp = Make.Now, SessionId = "s", System = "x", Kind = "tool_call", TaskId = value },
            _ => new TelemetryEvent { Timestamp = Make.Now, SessionId = "s", System = "x", Kind = "tool_call", Variant = value },
        };
        Assert.Equal(field, Assert.Throws<TelemetryValidationException>(() => EventValidator.Validate(e, Make.Now)).Field);
    }

    [Theory]
    [InlineData("Error: 429 Too Many Requests", "rate_limit")]
    [InlineData("Claude AI usage limit reached|1750000000", "rate_limit")]
    [InlineData("API Error: 401 {\"type\":\"error\",\"error\":{\"type\":\"authentication_error\"}}", "auth")]
    [InlineData("API Error: 529 {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\"}}", "api_error")]
    [InlineData("Request timed out after 600s", "timeout")]
    [InlineData("prompt is too long: 210000 tokens > 200000 maximum", "model_error")]
    [InlineData("Output blocked by content filtering policy", "content_policy")]
    [InlineData("Waiting for permission to run Bash", "permission_wait")]
    [InlineData("Command failed with exit code 2", "tool_error")]
    [InlineData("something odd happened", "other")]
    [InlineData("", "other")]
    public void Classify_KnownMessages_GetTheirCategory(string message, string category) =>
        Assert.Equal(category, ErrorClassifier.Classify(message).Category);

    [Fact]
    public void Classify_SameFailureWithOtherIdsPathsAndNumbers_HasTheSameFingerprint()
    {
        var a = ErrorClassifier.Classify("ENOENT: no such file '/home/alice/src/a.ts' (request req_01HX9 after 3 retries)");
        var b = ErrorClassifier.Classify("ENOENT: no such file '/srv/build/b.ts' (request req_77QQ2 after 12 retries)");
        var other = ErrorClassifier.Classify("ENOENT: permission denied on /srv/build/b.ts");

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, other.Fingerprint);
        Assert.Matches("^[0-9a-f]{12}$", a.Fingerprint);
    }

    [Fact]
    public void Shape_ReplacesQuotedPathsUrlsIdsAndNumbers()
    {
        string shape = ErrorClassifier.Shape("Fetch \"secret value\" from https://x.example/a failed at /tmp/f.txt: id 3f2a9c1e-77 code 503");
        Assert.Equal("fetch <s> from <url> failed at <path> id <id> code <n>", shape);
    }

    [Fact]
    public void Classify_GivenCategory_KeepsItAndFingerprintsUnderIt()
    {
        var given = ErrorClassifier.Classify("quota exceeded", ErrorCategories.Other);
        Assert.Equal("other", given.Category);
        Assert.NotEqual(ErrorClassifier.Classify("quota exceeded").Fingerprint, given.Fingerprint);
    }
}
