// Agent runs through the CLI as a CI job records them: append with the agent fields, --error-stdin, close with an
// outcome, alerts, score and the error report; and a canary run proving no error text reaches the store.
using System.Text;
using System.Text.Json;
using ZosTelemetry.Cli;

namespace ZosTelemetry.Tests;

public sealed class AgentRunCliTests : IDisposable
{
    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private (int ExitCode, string Stdout, string Stderr) Run(string stdin, params string[] args)
    {
        using var input = new MemoryStream(Encoding.UTF8.GetBytes(stdin));
        var output = new MemoryStream();
        var errors = new MemoryStream();
        int code = CliApp.Run(args, input, output, errors);
        return (code, Encoding.UTF8.GetString(output.ToArray()), Encoding.UTF8.GetString(errors.ToArray()));
    }

    private void Append(params string[] args)
    {
        var r = Run("", ["append", "--root", root.Path_, .. args]);
        Assert.True(r.ExitCode == 0, r.Stderr);
    }

    [Fact]
    public void Append_ErrorStdin_StoresCategoryAndFingerprintNotTheText()
    {
        var r = Run("Error: 429 Too Many Requests for zqcanaryerr01 at /home/zqcanarypath", "append", "--root", root.Path_, "--session-id", "run-1", "--system", "ci-agent", "--kind", "error", "--error-stdin");
        Assert.True(r.ExitCode == 0, r.Stderr);

        using var row = JsonDocument.Parse(root.Lines("events-*.jsonl").Single());
        Assert.Equal("rate_limit", row.RootElement.GetProperty("error_category").GetString());
        Assert.Matches("^[0-9a-f]{12}$", row.RootElement.GetProperty("error_fingerprint").GetString()!);
        string all = Encoding.UTF8.GetString(root.AllBytes());
        Assert.DoesNotContain("zqcanary", all);
        Assert.DoesNotContain("Too Many", all, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Append_BadErrorCategory_ExitsTwoAndWritesNothing()
    {
        var r = Run("", "append", "--root", root.Path_, "--session-id", "run-1", "--system", "ci-agent", "--kind", "error", "--error-category", "network");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("error_category", r.Stderr);
        Assert.Empty(root.Lines("events-*.jsonl"));
    }

    [Fact]
    public void Append_MarkStdinAndErrorStdin_IsAUsageError() =>
        Assert.Equal(2, Run("x", "append", "--root", root.Path_, "--session-id", "r", "--system", "s", "--kind", "error", "--error-stdin", "--mark-stdin").ExitCode);

    [Fact]
    public void Append_ToolAndIds_AreStoredUnderTheirNames()
    {
        Append("--session-id", "run-1", "--system", "ci-agent", "--kind", "tool_result", "--tool", "Bash", "--ok", "false", "--task-id", "T-1", "--attempt-id", "a1", "--variant", "v2");
        using var row = JsonDocument.Parse(root.Lines("events-*.jsonl").Single());
        Assert.Equal("Bash", row.RootElement.GetProperty("tool").GetString());
        Assert.False(row.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("T-1", row.RootElement.GetProperty("task_id").GetString());
        Assert.Equal("a1", row.RootElement.GetProperty("attempt_id").GetString());
        Assert.Equal("v2", row.RootElement.GetProperty("variant").GetString());
    }

    [Fact]
    public void Close_CiJobRecordingAnAgentRun_SeesToolFailuresErrorsAndOutcomeInTheRow()
    {
        Append("--session-id", "ci-1", "--system", "ci-agent", "--kind", "session_start", "--attempt", "1", "--variant", "v2");
        Append("--session-id", "ci-1", "--system", "ci-agent", "--kind", "tool_call", "--tool", "Bash");
        Append("--session-id", "ci-1", "--system", "ci-agent", "--kind", "tool_result", "--tool", "Bash", "--ok", "false");
        Append("--session-id", "ci-1", "--system", "ci-agent", "--kind", "error", "--error-category", "timeout");

        var r = Run("", "close", "--root", root.Path_, "--session-id", "ci-1", "--outcome", "failure");

        Assert.True(r.ExitCode == 0, r.Stderr);
        using var row = JsonDocument.Parse(r.Stdout);
        var s = row.RootElement;
        Assert.Equal(1, s.GetProperty("tool_calls").GetInt32());
        Assert.Equal(1, s.GetProperty("tool_failures").GetInt32());
        Assert.Equal(1, s.GetProperty("errors").GetProperty("timeout").GetInt32());
        Assert.Equal("failure", s.GetProperty("outcome").GetString());
        Assert.False(s.GetProperty("first_shot_success").GetBoolean());
        Assert.Equal(1, s.GetProperty("attempts").GetInt32());
        Assert.Equal(0, s.GetProperty("alerts").GetInt32());
        Assert.Equal("v2", s.GetProperty("variant").GetString());
    }

    [Fact]
    public void Close_BadOutcome_ExitsTwoAndWritesNoRow()
    {
        Append("--session-id", "ci-1", "--system", "ci-agent", "--kind", "tool_call", "--tool", "Bash");
        var r = Run("", "close", "--root", root.Path_, "--session-id", "ci-1", "--outcome", "great");
        Assert.Equal(2, r.ExitCode);
        Assert.Empty(root.Lines("sessions-*.jsonl"));
    }

    [Fact]
    public void Alerts_LoopAtClose_IsPrintedWithTheThresholdsAndInJson()
    {
        for (int i = 0; i < 9; i++)
        {
            Append("--session-id", "ci-1", "--system", "ci-agent", "--kind", "tool_call", "--tool", "Bash", "--ts", $"2026-06-10T12:00:{i:00}Z");
        }

        var close = Run("", "close", "--root", root.Path_, "--session-id", "ci-1");
        Assert.Contains("\"alerts\":1", close.Stdout);
        Assert.Single(root.Lines("alerts-2026-06.jsonl"));

        var text = Run("", "alerts", "--root", root.Path_);
        Assert.Contains("loop", text.Stdout);
        Assert.Contains("9 calls of Bash in a row", text.Stdout);
        Assert.Contains("Thresholds: loop >= 8", text.Stdout);

        var json = Run("", "alerts", "--root", root.Path_, "--json", "--loop-calls", "9");
        using var doc = JsonDocument.Parse(json.Stdout);
        Assert.Equal(9, doc.RootElement.GetProperty("thresholds").GetProperty("loop_calls").GetInt32());
        var alert = doc.RootElement.GetProperty("alerts").EnumerateArray().Single();
        Assert.Equal(("ci-1", "ci-agent", "loop", "warning"), (alert.GetProperty("session_id").GetString(), alert.GetProperty("system").GetString(), alert.GetProperty("type").GetString(), alert.GetProperty("severity").GetString()));
        Assert.Equal(9, alert.GetProperty("count").GetInt32());
        Assert.Equal(JsonValueKind.Null, alert.GetProperty("z").ValueKind);
    }

    [Fact]
    public void Alerts_SampleStoreOfOrdinarySessions_ZeroAlerts()
    {
        string samples = Path.Combine(RepositoryRoot(), "samples", "store");
        var r = Run("", "alerts", "--root", samples, "--json");
        Assert.True(r.ExitCode == 0, r.Stderr);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Empty(doc.RootElement.GetProperty("alerts").EnumerateArray());
        Assert.True(doc.RootElement.GetProperty("sessions").GetInt32() >= 60);
    }

    [Fact]
    public void Alerts_BadThreshold_ExitsTwo() =>
        Assert.Equal(2, Run("", "alerts", "--root", root.Path_, "--loop-calls", "1").ExitCode);

    [Fact]
    public void Score_ByVariant_CiRunsRankedWithFormulaInJson()
    {
        string[] outcomes = ["success", "success", "failure", "success", "failure", "failure"];
        for (int i = 0; i < outcomes.Length; i++)
        {
            string id = $"ci-{i}";
            Append("--session-id", id, "--system", "ci-agent", "--kind", "session_start", "--attempt", "1", "--variant", i % 2 == 0 ? "v-a" : "v-b");
            Append("--session-id", id, "--system", "ci-agent", "--kind", "session_end", "--outcome", outcomes[i], "--variant", i % 2 == 0 ? "v-a" : "v-b");
            Assert.Equal(0, Run("", "close", "--root", root.Path_, "--session-id", id).ExitCode);
        }

        var text = Run("", "score", "--root", root.Path_, "--by", "variant");
        Assert.Contains("score = success_rate - 0.1 x cost_per_session - 0.05 x errors_per_session", text.Stdout);

        var json = Run("", "score", "--root", root.Path_, "--by", "variant", "--json", "--cost-weight", "0", "--error-weight", "0");
        using var doc = JsonDocument.Parse(json.Stdout);
        var groups = doc.RootElement.GetProperty("groups").EnumerateArray().ToList();
        Assert.Equal(("v-b", 1), (groups[0].GetProperty("group").GetString(), groups[0].GetProperty("rank").GetInt32()));
        Assert.Equal(2.0 / 3, groups[0].GetProperty("success_rate").GetDouble(), 6);
        Assert.Equal(2, groups[0].GetProperty("success_rate_ci95").GetArrayLength());
        Assert.True(groups[0].GetProperty("small_sample").GetBoolean());
        Assert.Equal("variant", doc.RootElement.GetProperty("by").GetString());
    }

    [Fact]
    public void Score_UnknownGrouping_ExitsTwo() =>
        Assert.Equal(2, Run("", "score", "--root", root.Path_, "--by", "colour").ExitCode);

    [Fact]
    public void ReportErrors_ByModel_JsonHasDaysAndFingerprints()
    {
        foreach (string id in new[] { "r1", "r2" })
        {
            var r = Run("API Error: 529 overloaded, request " + id, "append", "--root", root.Path_, "--session-id", id, "--system", "ci-agent", "--kind", "error", "--model", "m1", "--error-stdin", "--ts", "2026-06-10T12:00:00Z");
            Assert.True(r.ExitCode == 0, r.Stderr);
        }

        var json = Run("", "report", "errors", "--root", root.Path_, "--by", "model", "--json");
        Assert.True(json.ExitCode == 0, json.Stderr);
        using var doc = JsonDocument.Parse(json.Stdout);
        var day = doc.RootElement.GetProperty("days").EnumerateArray().Single();
        Assert.Equal(("2026-06-10", "m1", "api_error", 2), (day.GetProperty("day").GetString(), day.GetProperty("group").GetString(), day.GetProperty("category").GetString(), day.GetProperty("errors").GetInt32()));
        Assert.Equal(2, doc.RootElement.GetProperty("fingerprints").EnumerateArray().Single().GetProperty("count").GetInt32());
        Assert.Contains("Recurring errors", Run("", "report", "errors", "--root", root.Path_).Stdout);
        Assert.Equal(2, Run("", "report", "errors", "--root", root.Path_, "--by", "colour").ExitCode);
    }

    [Fact]
    public void ErrorStdin_ThousandsOfMessagesWithCanaries_NoCanaryUnderTheRootOrInAnyOutput()
    {
        var messages = CanaryMessages.Generate(FuzzSeed.Cases(500), FuzzSeed.Value + 12).ToList();
        var output = new StringBuilder();
        for (int i = 0; i < messages.Count; i++)
        {
            var r = Run(messages[i].Text, "append", "--root", root.Path_, "--session-id", $"e-{i / 50}", "--system", "ci-agent", "--kind", "error", "--error-stdin");
            Assert.True(r.ExitCode == 0, r.Stderr);
            output.Append(r.Stdout).Append(r.Stderr);
        }

        for (int s = 0; s < (messages.Count + 49) / 50; s++)
        {
            output.Append(Run("", "close", "--root", root.Path_, "--session-id", $"e-{s}").Stdout);
        }

        foreach (string[] args in new[] { new[] { "alerts" }, ["score"], ["report", "errors"], ["export", "--kind", "alerts"], ["compare", "ci-agent", "other"] })
        {
            var r = Run("", [.. args, "--root", root.Path_]);
            output.Append(r.Stdout).Append(r.Stderr);
        }

        string stored = Encoding.UTF8.GetString(root.AllBytes()) + output;
        foreach (var m in messages)
        {
            foreach (string canary in m.Canaries)
            {
                Assert.DoesNotContain(canary, stored, StringComparison.Ordinal);
            }
        }
    }

    internal static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
