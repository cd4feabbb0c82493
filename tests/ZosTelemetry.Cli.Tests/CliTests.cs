// The zos-telemetry command end to end, as a process: every subcommand, exit codes, what reaches the store.
using System.Text;
using System.Text.Json;

namespace ZosTelemetry.Tests;

public sealed class CliTests : IDisposable
{
    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private CliResult Zt(params string[] args) => CliRunner.Run([.. args, "--root", root.Path_]);

    private CliResult ZtIn(string stdin, params string[] args) => CliRunner.RunWithStdin(stdin, [.. args, "--root", root.Path_]);

    private void AppendTurns(string session, string system, int userTurns, int corrections, double cost = 0.01, string ts = "2026-06-10T18:00:00Z")
    {
        for (int i = 0; i < userTurns; i++)
        {
            var args = new List<string> { "append", "--session-id", session, "--system", system, "--kind", "user_message", "--ts", ts };
            if (i < corrections)
            {
                args.AddRange(["--marker", "corr.strong.1"]);
            }

            Assert.Equal(0, Zt([.. args]).ExitCode);
        }

        Assert.Equal(0, Zt("append", "--session-id", session, "--system", system, "--kind", "assistant_message", "--model", "m1",
            "--tokens-in", "100", "--tokens-out", "50", "--cost-usd", cost.ToString(System.Globalization.CultureInfo.InvariantCulture), "--ts", ts).ExitCode);
    }

    [Fact]
    public void Version_PrintsNameAndVersion_ExitsZero()
    {
        var r = CliRunner.Run("--version");
        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^zos-telemetry \d+\.\d+\.\d+\n$", r.Stdout);
    }

    [Fact]
    public void Help_ListsEveryCommand()
    {
        var r = CliRunner.Run("--help");
        Assert.Equal(0, r.ExitCode);
        foreach (string command in new[] { "append", "close", "sessions", "compare", "detect" })
        {
            Assert.Contains(command, r.Stdout);
        }
    }

    [Fact]
    public void NoCommand_PrintsUsageOnStderr_ExitsTwo()
    {
        var r = CliRunner.Run();
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--help", r.Stderr);
        Assert.Empty(r.Stdout);
    }

    [Fact]
    public void UnknownOption_ExitsTwo_WritesNothing()
    {
        var r = Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--colour", "red");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("argument 7 after 'append' is not an option append takes", r.Stderr);
        Assert.False(Directory.Exists(root.Path_));
    }

    [Fact]
    public void Append_AllFields_WritesOneSchemaOneRow()
    {
        var r = Zt("append", "--session-id", "s1", "--system", "system_a", "--kind", "assistant_message", "--role", "assistant",
            "--context", "work", "--model", "model-x", "--tokens-in", "1200", "--tokens-out", "300", "--cost-usd", "0.04",
            "--ts", "2026-06-10T18:00:00Z", "--marker", "usage.missing");
        Assert.Equal(0, r.ExitCode);
        string line = Assert.Single(root.Lines("events-2026-06.jsonl"));
        using var doc = JsonDocument.Parse(line);
        var e = doc.RootElement;
        Assert.Equal(1, e.GetProperty("schema").GetInt32());
        Assert.Equal("2026-06-10T18:00:00Z", e.GetProperty("ts").GetString());
        Assert.Equal("s1", e.GetProperty("session_id").GetString());
        Assert.Equal("system_a", e.GetProperty("system").GetString());
        Assert.Equal("work", e.GetProperty("context").GetString());
        Assert.Equal("assistant", e.GetProperty("role").GetString());
        Assert.Equal("assistant_message", e.GetProperty("kind").GetString());
        Assert.Equal("model-x", e.GetProperty("model").GetString());
        Assert.Equal(1200, e.GetProperty("tokens_in").GetInt64());
        Assert.Equal(300, e.GetProperty("tokens_out").GetInt64());
        Assert.Equal(0.04, e.GetProperty("cost_usd").GetDouble());
        Assert.Equal("usage.missing", Assert.Single(e.GetProperty("markers").EnumerateArray()).GetString());
        Assert.Equal(
            ["schema", "ts", "session_id", "system", "context", "role", "kind", "model", "tokens_in", "tokens_out", "cost_usd", "markers", "event_id"],
            e.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Matches("^[0-9a-f]{32}$", e.GetProperty("event_id").GetString()); // random, so merging stores can tell events apart
    }

    [Fact]
    public void AppendMarkStdin_Correction_StoresMarkersAndNeverTheText()
    {
        const string canary = "zqxcanaryword7731";
        var r = ZtIn($"no, that's wrong, {canary} is not what I asked for", "append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(root.Lines("events-*.jsonl")));
        Assert.All(doc.RootElement.GetProperty("markers").EnumerateArray(), m => Assert.Matches(Detection.CorrectionMarkers.Pattern, m.GetString()));
        Assert.Contains(doc.RootElement.GetProperty("markers").EnumerateArray(), m => m.GetString()!.StartsWith("corr.", StringComparison.Ordinal));
        Assert.DoesNotContain(canary, Encoding.UTF8.GetString(root.AllBytes()));
        Assert.DoesNotContain("wrong", Encoding.UTF8.GetString(root.AllBytes()));
    }

    [Fact]
    public void AppendMarkStdin_Approval_StoresOnlyTheVersionStamp()
    {
        Assert.Equal(0, ZtIn("thanks, that fixed it", "append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin").ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(root.Lines("events-*.jsonl")));
        Assert.Equal(["det.v2"], doc.RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public void AppendMarkStdin_DetectorOne_StoresVersionOnesMarkersAndCloseRecordsIt()
    {
        Assert.Equal(0, ZtIn("you misunderstood", "append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin", "--detector", "1").ExitCode);
        using var doc = JsonDocument.Parse(Assert.Single(root.Lines("events-*.jsonl")));
        Assert.Equal(["corr.strong.2"], doc.RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetString()));

        var refused = Zt("close", "--session-id", "s1", "--detector", "2");
        Assert.Equal(2, refused.ExitCode);
        Assert.Contains("cannot be counted by detector version 2", refused.Stderr);

        var closed = Zt("close", "--session-id", "s1", "--detector", "1");
        Assert.Equal(0, closed.ExitCode);
        using var summary = JsonDocument.Parse(closed.Stdout);
        Assert.Equal(1, summary.RootElement.GetProperty("detector_version").GetInt32());
        Assert.Equal(1, summary.RootElement.GetProperty("corrections").GetInt32());
    }

    [Fact]
    public void AppendMarkStdin_RestatedTurn_MarksRepeatAndKeepsOnlyAFingerprint()
    {
        const string canary = "zqrepeatcanary4411";
        ZtIn($"add a retry to the {canary} upload function", "append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin");
        ZtIn($"please add a retry to the {canary} upload function", "append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin");

        var rows = root.Lines("events-*.jsonl").Select(l => JsonDocument.Parse(l).RootElement.GetProperty("markers").EnumerateArray().Select(m => m.GetString()).ToList()).ToList();
        Assert.Contains("corr.repeat", rows[1]);
        Assert.DoesNotContain(canary, Encoding.UTF8.GetString(root.AllBytes()));
        Assert.DoesNotContain("upload", Encoding.UTF8.GetString(root.AllBytes()));
    }

    [Fact]
    public void AppendMarkStdin_UnknownDetector_RefusedAndNothingWritten()
    {
        var r = ZtIn("that's wrong", "append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin", "--detector", "7");

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("--detector must be one of 1, 2", r.Stderr);
        Assert.Empty(root.Lines("events-*.jsonl"));
    }

    [Fact]
    public void AppendMarkStdin_InvalidUtf8_ExitsTwo_WritesNothing()
    {
        var r = CliRunner.Run(["append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--mark-stdin", "--root", root.Path_], [0x6e, 0x6f, 0xff, 0xfe]);
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("UTF-8", r.Stderr);
        Assert.Empty(root.AllBytes());
    }

    [Theory]
    [InlineData("--marker", "Has Spaces")]
    [InlineData("--tokens-in", "-5")]
    [InlineData("--tokens-out", "lots")]
    [InlineData("--cost-usd", "NaN")]
    [InlineData("--ts", "yesterday")]
    [InlineData("--ts", "2999-01-01T00:00:00Z")]
    [InlineData("--model", "/home/alice/secret")]
    [InlineData("--context", "please fix the login bug in my app")]
    public void Append_RefusedValue_ExitsTwoWithOneLine_StoreUnchanged(string option, string value)
    {
        Assert.Equal(0, Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);
        byte[] before = root.AllBytes();
        var r = Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message", option, value);
        Assert.Equal(2, r.ExitCode);
        Assert.StartsWith("zos-telemetry: ", r.Stderr);
        Assert.Equal(before, root.AllBytes());
    }

    [Fact]
    public void Append_SessionIdWithPathSeparator_ExitsTwo()
    {
        var r = Zt("append", "--session-id", "../etc", "--system", "a", "--kind", "user_message");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("session_id", r.Stderr);
    }

    [Fact]
    public void Append_RootIsAFile_ExitsThree()
    {
        string file = Path.Combine(root.Parent, "not-a-dir");
        File.WriteAllText(file, "x");
        var r = CliRunner.Run("append", "--session-id", "s1", "--system", "a", "--kind", "user_message", "--root", file);
        Assert.Equal(3, r.ExitCode);
        Assert.Contains("is a file", r.Stderr);
        Assert.Equal("x", File.ReadAllText(file));
    }

    [Fact]
    public void Append_WithoutRoot_UsesZosHome()
    {
        string home = Path.Combine(root.Parent, "zoshome");
        var r = CliRunner.Run(["append", "--session-id", "s1", "--system", "a", "--kind", "user_message"], null, new Dictionary<string, string?> { ["ZOS_HOME"] = home });
        Assert.Equal(0, r.ExitCode);
        Assert.Single(Directory.GetFiles(Path.Combine(home, "telemetry"), "events-*.jsonl"));
    }

    [Fact]
    public void Close_SessionWithoutEvents_ExitsOne()
    {
        var r = Zt("close", "--session-id", "nobody");
        Assert.Equal(1, r.ExitCode);
        Assert.Contains("nobody", r.Stderr);
    }

    [Fact]
    public void Close_PrintsAndStoresSummaryRow()
    {
        AppendTurns("s1", "a", userTurns: 3, corrections: 2, cost: 0.25);
        var r = Zt("close", "--session-id", "s1");
        Assert.Equal(0, r.ExitCode);
        using var printed = JsonDocument.Parse(r.Stdout);
        var s = printed.RootElement;
        Assert.Equal(4, s.GetProperty("turns").GetInt64());
        Assert.Equal(3, s.GetProperty("user_turns").GetInt64());
        Assert.Equal(2, s.GetProperty("corrections").GetInt64());
        Assert.Equal(4, s.GetProperty("events").GetInt64());
        Assert.Equal(0.25, s.GetProperty("cost_usd").GetDouble());
        Assert.Equal("m1", s.GetProperty("model").GetString());
        Assert.Equal(1, s.GetProperty("detector_version").GetInt32());
        foreach (string field in new[] { "first_ts", "last_ts", "duration_s", "ts_closed", "system", "context", "tokens_in", "tokens_out" })
        {
            Assert.True(s.TryGetProperty(field, out _), field);
        }

        Assert.Equal(r.Stdout.TrimEnd('\n'), Assert.Single(root.Lines("sessions-*.jsonl")));
    }

    [Fact]
    public void Sessions_SessionClosedTwice_PrintsOnlyTheLatestRow()
    {
        AppendTurns("s1", "a", userTurns: 1, corrections: 0);
        Assert.Equal(0, Zt("close", "--session-id", "s1").ExitCode);
        AppendTurns("s1", "a", userTurns: 2, corrections: 1);
        Assert.Equal(0, Zt("close", "--session-id", "s1").ExitCode);
        AppendTurns("s2", "b", userTurns: 1, corrections: 0);
        Assert.Equal(0, Zt("close", "--session-id", "s2").ExitCode);

        var r = Zt("sessions");
        Assert.Equal(0, r.ExitCode);
        var rows = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(2, rows.Count);
        var s1 = Assert.Single(rows, x => x.GetProperty("session_id").GetString() == "s1");
        Assert.Equal(3, s1.GetProperty("user_turns").GetInt64());
        Assert.Equal(1, s1.GetProperty("corrections").GetInt64());
        Assert.Equal(3, root.Lines("sessions-*.jsonl").Length);
    }

    [Fact]
    public void Sessions_MalformedLine_WarnsWithFileAndLine_ReadsTheRest()
    {
        AppendTurns("s1", "a", userTurns: 1, corrections: 0);
        Assert.Equal(0, Zt("close", "--session-id", "s1").ExitCode);
        string file = Directory.GetFiles(root.Path_, "sessions-*.jsonl").Single();
        File.AppendAllText(file, "{not json\n");
        var r = Zt("sessions");
        Assert.Equal(0, r.ExitCode);
        Assert.Single(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(Path.GetFileName(file) + ":2", r.Stderr);
    }

    [Fact]
    public void CompareJson_HasTheDocumentedContract()
    {
        AppendTurns("a1", "sys-a", userTurns: 2, corrections: 1, cost: 0.10);
        AppendTurns("a2", "sys-a", userTurns: 2, corrections: 0, cost: 0.20);
        AppendTurns("b1", "sys-b", userTurns: 2, corrections: 2, cost: 0.30);
        foreach (string id in new[] { "a1", "a2", "b1" })
        {
            Assert.Equal(0, Zt("close", "--session-id", id).ExitCode);
        }

        var r = Zt("compare", "sys-a", "sys-b", "--json");
        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        var a = doc.RootElement.GetProperty("systems").GetProperty("sys-a");
        Assert.Equal(2, a.GetProperty("sessions").GetInt32());
        Assert.True(a.GetProperty("small_sample").GetBoolean());
        Assert.Equal(0.5, a.GetProperty("corrections_per_session").GetProperty("mean").GetDouble());
        Assert.Equal(0.5, a.GetProperty("corrections_per_session").GetProperty("median").GetDouble());
        Assert.Equal(0.15, a.GetProperty("cost_usd_per_session").GetProperty("mean").GetDouble(), 9);
        Assert.Equal(3, a.GetProperty("turns_per_session").GetProperty("mean").GetDouble());
        var delta = doc.RootElement.GetProperty("deltas").EnumerateArray().First(d => d.GetProperty("metric").GetString() == "corrections_per_session");
        Assert.Equal(-1.5, delta.GetProperty("diff").GetDouble());
        Assert.Equal(2, delta.GetProperty("ci95").GetArrayLength());
        Assert.Contains(doc.RootElement.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("Small sample"));
    }

    [Fact]
    public void CompareMarkdown_RendersTableAndSmallSampleNote()
    {
        AppendTurns("a1", "sys-a", userTurns: 1, corrections: 0);
        Assert.Equal(0, Zt("close", "--session-id", "a1").ExitCode);
        var r = Zt("compare", "sys-a", "sys-b", "--markdown");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("| Metric |", r.Stdout);
        Assert.Contains("Small sample", r.Stdout);
        Assert.Contains("No closed sessions for system 'sys-b'", r.Stdout);
    }

    [Fact]
    public void CompareText_IsTheDefault_AndSaysSmallSample()
    {
        AppendTurns("a1", "sys-a", userTurns: 1, corrections: 0);
        Assert.Equal(0, Zt("close", "--session-id", "a1").ExitCode);
        var r = Zt("compare", "sys-a", "sys-b", "--window", "36500");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("Corrections / session", r.Stdout);
        Assert.Contains("SMALL SAMPLE", r.Stdout);
        Assert.Contains("last 36500 days", r.Stdout);
    }

    [Fact]
    public void Compare_SameSystemTwice_ExitsTwoWithReason()
    {
        var r = Zt("compare", "sys-a", "sys-a");
        Assert.Equal(2, r.ExitCode);
        Assert.Contains("two different systems", r.Stderr);
    }

    [Fact]
    public void Compare_MissingSystem_ExitsTwo()
    {
        Assert.Equal(2, Zt("compare", "only-one").ExitCode);
    }

    [Fact]
    public void Detect_AnswersEachLineInOrder()
    {
        var r = ZtIn("{\"text\": \"no, that's wrong\"}\n{\"text\": \"thanks, that fixed it\"}\n{\"text\": \"you misunderstood me\", \"id\": 7}\n", "detect");
        Assert.Equal(0, r.ExitCode);
        var rows = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([true, false, true], rows.Select(x => x.GetProperty("is_correction").GetBoolean()).ToArray());
        Assert.Empty(rows[1].GetProperty("markers").EnumerateArray());
        Assert.All(rows[0].GetProperty("markers").EnumerateArray(), m => Assert.StartsWith("corr.", m.GetString()));
    }

    [Fact]
    public void Detect_BadLine_GetsErrorObjectInPlace_ExitsOne()
    {
        var r = ZtIn("{\"text\": \"wrong file\"}\nnot json\n{\"nope\": 1}\n{\"text\": \"ok\"}\n", "detect");
        Assert.Equal(1, r.ExitCode);
        var rows = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(4, rows.Count);
        Assert.True(rows[1].TryGetProperty("error", out _));
        Assert.True(rows[2].TryGetProperty("error", out _));
        Assert.False(rows[3].GetProperty("is_correction").GetBoolean());
        Assert.Contains("stdin line 2", r.Stderr);
    }

    [UnixFact]
    public void Append_CreatesPrivateDirectoryAndFiles()
    {
        Assert.Equal(0, Zt("append", "--session-id", "s1", "--system", "a", "--kind", "user_message").ExitCode);
        if (OperatingSystem.IsWindows())
        {
            return; // UnixFact skips it there; this line is for the platform analyzer.
        }

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(root.Path_));
        foreach (string file in Directory.GetFiles(root.Path_))
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
