// Importing Claude Code logs: every rule of the README's "Importing logs" section on the fixtures in
// tests/data/import/claude, totals against ccusage, idempotence, growth, rewrites, idle sessions and interruption.
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class ClaudeCodeImportTests : IDisposable
{
    private const string SessionA = "5d0c2a1e-7f3b-4c1a-9e2d-000000000a01";
    private const string SessionB = "5d0c2a1e-7f3b-4c1a-9e2d-000000000b02";

    private readonly ImportFixture fx = new();

    public void Dispose() => fx.Dispose();

    [Fact]
    public void Import_Fixtures_DailyTotalsEqualCcusage()
    {
        fx.Import(LogSource.ClaudeCode);

        DayTotals.AssertEqual(
            [
                new("2025-10-01", 3535, 1425, 19700, 77700, 0.123205),
                new("2025-10-02", 17, 530, 4900, 68300, 0.055866),
                new("2025-10-03", 20, 1300, 5900, 5000, 0.215925),
            ],
            fx.Daily(LogSources.ClaudeCodeSystem));
    }

    [Fact]
    public void Import_Fixtures_DaysInTokyoEqualCcusage()
    {
        fx.Import(LogSource.ClaudeCode);

        DayTotals.AssertEqual(
            [
                new("2025-10-02", 3552, 1955, 24600, 146000, 0.179071),
                new("2025-10-04", 20, 1300, 5900, 5000, 0.215925),
            ],
            fx.Daily(LogSources.ClaudeCodeSystem, "Asia/Tokyo"));
    }

    [Fact]
    public void Import_Fixtures_CountsTurnsToolsAndErrors()
    {
        var r = fx.Import(LogSource.ClaudeCode);

        Assert.Equal((8L, 2L, 5L, 1L, 1L), (r.UserTurns, r.Corrections, r.ToolCalls, r.ToolFailures, r.ApiErrors));
        Assert.Single(fx.Events(ImportedKinds.UserInterrupt));
        Assert.Equal(1, r.LinesSkipped); // the torn line in the middle of session A
        Assert.Equal((3, 0), (r.SessionsClosed, r.SessionsOpen));
    }

    [Fact]
    public void Import_Twice_SecondAddsNothing()
    {
        var first = fx.Import(LogSource.ClaudeCode);
        var second = fx.Import(LogSource.ClaudeCode);

        Assert.True(first.EventsAdded > 0);
        Assert.Equal((0L, 0, 0), (second.EventsAdded, second.FilesRead, second.SessionsClosed));
        Assert.Equal(first.EventsAdded, fx.Events().Count);
    }

    [Fact]
    public void Import_NothingNew_WritesNothing()
    {
        fx.Import(LogSource.ClaudeCode);
        var before = Directory.EnumerateFiles(fx.StoreRoot).ToDictionary(f => f, File.GetLastWriteTimeUtc);
        Thread.Sleep(20);

        fx.Import(LogSource.ClaudeCode);

        Assert.All(before, kv => Assert.Equal(kv.Value, File.GetLastWriteTimeUtc(kv.Key)));
    }

    [Fact]
    public void Import_ResponseWrittenOncePerContentBlock_CountsTheMostCompleteCopyOnce()
    {
        fx.Import(LogSource.ClaudeCode);

        // msg_01A1 is written three times (output 8, 8, 210), copied into session B and replayed by a subagent.
        var copies = fx.Events(EventKinds.AssistantMessage).Where(e => e.CacheWriteTokens == 12000).ToList();
        var kept = Assert.Single(copies);
        Assert.Equal((210L, SessionA), (kept.TokensOut, kept.SessionId));
        Assert.Equal(2000, kept.CacheWrite1hTokens);
    }

    [Fact]
    public void Import_CopiesWithEqualTotals_TheLaterCopyCounts()
    {
        File.AppendAllText(fx.SessionFile(SessionB),
            Line("msg_01T1", "req_01T1", "2025-10-02T10:00:00.000Z", "claude-sonnet-4-5-20250929", 11, 12) + "\n"
            + Line("msg_01T1", "req_01T1", "2025-10-02T10:00:01.000Z", "claude-sonnet-4-5-20250929", 3, 20) + "\n");

        fx.Import(LogSource.ClaudeCode);

        var e = Assert.Single(fx.Events(), e => e.Timestamp.Hour == 10);
        Assert.Equal((3L, 20L), (e.TokensIn, e.TokensOut));
    }

    [Fact]
    public void Import_ResumedSession_CopiedLinesCountOnceInTheOriginalSession()
    {
        fx.Import(LogSource.ClaudeCode);

        var b = fx.Events().Where(e => e.SessionId == SessionB).ToList();
        Assert.Equal(2, b.Count(e => e.Kind == EventKinds.UserMessage));
        Assert.Equal(3, b.Count(e => e.Kind == EventKinds.AssistantMessage));
        Assert.All(b, e => Assert.True(e.Timestamp >= new DateTimeOffset(2025, 10, 2, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Import_Subagent_CountsItsTokensButNotItsPromptsAsTurns()
    {
        fx.Import(LogSource.ClaudeCode);

        var subagent = fx.Events(ImportedKinds.SubagentMessage);
        Assert.Equal(2, subagent.Count);
        Assert.All(subagent, e => Assert.Equal("subagent", e.Role));
        Assert.Equal(3500, subagent.Sum(e => e.TokensIn));
        Assert.DoesNotContain(fx.Events(EventKinds.UserMessage), e => e.Timestamp.Minute == 8 && e.Timestamp.Second == 6);
    }

    [Fact]
    public void Import_ApiErrorLine_IsAnApiErrorEventWithoutModelOrTokens()
    {
        fx.Import(LogSource.ClaudeCode);

        var e = Assert.Single(fx.Events(ImportedKinds.ApiError));
        Assert.Null(e.Model);
        Assert.Equal((0L, 0L), (e.TokensIn, e.TokensOut));
        Assert.Contains(ImportedMarkers.ApiError, e.Markers);
    }

    [Fact]
    public void Import_ResponseWithoutUsage_IsATurnMarkedUsageMissingWithUnknownCost()
    {
        fx.Import(LogSource.ClaudeCode);

        var e = Assert.Single(fx.Events(EventKinds.AssistantMessage), e => e.Markers.Contains(ImportedMarkers.UsageMissing));
        Assert.Null(e.CostUsd);
        Assert.Equal(0, e.TokensOut);
    }

    [Fact]
    public void Import_ToolResultWithIsError_IsMarkedToolError()
    {
        fx.Import(LogSource.ClaudeCode);

        var results = fx.Events(ImportedKinds.ToolResult);
        Assert.Equal(5, results.Count);
        Assert.Single(results, e => e.Markers.Contains(ImportedMarkers.ToolError));
    }

    [Fact]
    public void Import_UserText_OnlyDetectorMarkersAreStored()
    {
        fx.Import(LogSource.ClaudeCode);

        var corrections = fx.Events(EventKinds.UserMessage).Where(e => e.IsCorrection).ToList();
        Assert.Equal(2, corrections.Count);
        Assert.All(corrections, e => Assert.All(e.Markers, m => Assert.Matches(Detection.CorrectionMarkers.Pattern, m)));
    }

    [Fact]
    public void Import_BothSources_NoUserTextToolOutputOrPathAnywhereUnderTheStoreRoot()
    {
        fx.Import(LogSource.ClaudeCode);
        fx.Import(LogSource.Codex);

        string stored = fx.EverythingStored();
        Assert.Contains("claude-code", stored);
        Assert.All(ImportFixture.Canaries, word => Assert.DoesNotContain(word, stored, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Import_CostModeDisplay_KeepsOnlyTheLogsOwnCost()
    {
        fx.Import(LogSource.ClaudeCode, CostMode.Display);

        var priced = fx.Events(EventKinds.AssistantMessage).Where(e => e.CostUsd is not null).ToList();
        Assert.Equal(0.0123, Assert.Single(priced).CostUsd);
    }

    [Fact]
    public void Import_CostModeCalculate_IgnoresTheLogsOwnCost()
    {
        fx.Import(LogSource.ClaudeCode, CostMode.Calculate);

        var e = Assert.Single(fx.Events(EventKinds.AssistantMessage), e => e.TokensOut == 300);
        Assert.Equal((10 * 3 + 300 * 15 + 16000 * 0.3 + 1000 * 3.75) / 1e6, e.CostUsd!.Value, 12);
    }

    [Fact]
    public void Import_ModelWithoutPrice_CostUnknownAndModelNamed()
    {
        File.AppendAllText(fx.SessionFile(SessionB), Line("msg_01Z1", "req_01Z1", "2025-10-02T10:00:00.000Z", "claude-future-9", 100, 50) + "\n");

        var r = fx.Import(LogSource.ClaudeCode);

        Assert.Equal(1, r.UnpricedModels["claude-future-9"]);
        Assert.Null(Assert.Single(fx.Events(), e => e.Model == "claude-future-9").CostUsd);
        Assert.Equal(1, fx.Daily(LogSources.ClaudeCodeSystem).Single(d => d.Period == "2025-10-02").UnpricedEvents);
    }

    [Fact]
    public void Import_AfterTheLogGrew_AddsOnlyTheNewLines()
    {
        string file = fx.SessionFile(SessionB);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines[..5]);
        fx.Import(LogSource.ClaudeCode);
        int before = fx.Events().Count;

        File.AppendAllLines(file, lines[5..]);
        var second = fx.Import(LogSource.ClaudeCode);

        Assert.Equal(1, second.FilesRead);
        Assert.Equal(0, second.FilesRewritten);
        Assert.Equal(before + second.EventsAdded, fx.Events().Count);
        Import_Fixtures_TotalsUnchanged();
    }

    [Fact]
    public void Import_RewrittenLog_IsReadAgainWithoutCountingTwice()
    {
        fx.Import(LogSource.ClaudeCode);
        string file = fx.SessionFile(SessionB);
        File.WriteAllText(file, "{\"type\":\"summary\",\"summary\":\"x\"}\n" + File.ReadAllText(file));

        var second = fx.Import(LogSource.ClaudeCode);

        Assert.Equal((1, 0L), (second.FilesRewritten, second.EventsAdded));
        Import_Fixtures_TotalsUnchanged();
    }

    [Fact]
    public void Import_TruncatedLog_IsReadAgainWithoutCountingTwice()
    {
        fx.Import(LogSource.ClaudeCode);
        string file = fx.SessionFile(SessionB);
        File.WriteAllLines(file, File.ReadAllLines(file)[..2]);

        var second = fx.Import(LogSource.ClaudeCode);

        Assert.Equal((1, 0L), (second.FilesRewritten, second.EventsAdded));
        Import_Fixtures_TotalsUnchanged();
    }

    [Fact]
    public void Import_StateAndRememberedIdsLost_RecoversFromTheStoreAndAddsNothing()
    {
        var first = fx.Import(LogSource.ClaudeCode);
        File.Delete(Path.Combine(fx.StoreRoot, ImportState.FileName));
        File.Delete(Path.Combine(fx.StoreRoot, ImportSeenSet.FileName));

        var second = fx.Import(LogSource.ClaudeCode);

        Assert.Equal(0, second.EventsAdded);
        Assert.Equal(first.EventsAdded, fx.Events().Count);
    }

    [Fact]
    public void Import_StateFileCorrupt_WarnsAndAddsNothing()
    {
        fx.Import(LogSource.ClaudeCode);
        File.WriteAllText(Path.Combine(fx.StoreRoot, ImportState.FileName), "{not json");

        var second = fx.Import(LogSource.ClaudeCode);

        Assert.Equal(0, second.EventsAdded);
    }

    [Fact]
    public void Import_SessionStillActive_LeavesItOpenAndHoldsBackTheResponseBeingWritten()
    {
        var now = new DateTimeOffset(2025, 10, 2, 9, 10, 0, TimeSpan.Zero);
        string file = fx.SessionFile(SessionB);
        File.AppendAllText(file, Line("msg_01B4", "req_01B4", "2025-10-02T09:09:00.000Z", "claude-sonnet-4-5-20250929", 5, 8) + "\n");

        var first = fx.Import(LogSource.ClaudeCode, now: now);

        Assert.True(first.SessionsOpen >= 1);
        Assert.DoesNotContain(fx.Store.ReadSessions(), s => s.SessionId == SessionB);
        Assert.DoesNotContain(fx.Events(), e => e.Timestamp == new DateTimeOffset(2025, 10, 2, 9, 9, 0, TimeSpan.Zero));

        File.AppendAllText(file, Line("msg_01B4", "req_01B4", "2025-10-02T09:09:00.000Z", "claude-sonnet-4-5-20250929", 5, 640) + "\n");
        var second = fx.Import(LogSource.ClaudeCode, now: now.AddHours(1));

        Assert.Equal(1, second.SessionsClosed);
        var e = Assert.Single(fx.Events(), e => e.Timestamp == new DateTimeOffset(2025, 10, 2, 9, 9, 0, TimeSpan.Zero));
        Assert.Equal(640, e.TokensOut);
        var summary = Assert.Single(fx.Store.ReadSessions(), s => s.SessionId == SessionB);
        Assert.Equal(4, summary.Turns - summary.UserTurns);
    }

    [Fact]
    public void Import_HeldBackResponseAndTheLogStopsChanging_ReadWhenTheSessionIsClosed()
    {
        // Issue 11.1: the response being written is held back while the session is active; when the log then never
        // changes again, the next import must still read those bytes before it closes the session.
        var now = new DateTimeOffset(2025, 10, 2, 9, 10, 0, TimeSpan.Zero);
        string file = fx.SessionFile(SessionB);
        File.AppendAllText(file, Line("msg_01B4", "req_01B4", "2025-10-02T09:09:00.000Z", "claude-sonnet-4-5-20250929", 5, 640) + "\n");
        fx.Import(LogSource.ClaudeCode, now: now);
        Assert.DoesNotContain(fx.Events(), e => e.Timestamp == new DateTimeOffset(2025, 10, 2, 9, 9, 0, TimeSpan.Zero));

        var later = fx.Import(LogSource.ClaudeCode, now: now.AddHours(2));

        Assert.Equal(1, later.SessionsClosed);
        var e = Assert.Single(fx.Events(), e => e.Timestamp == new DateTimeOffset(2025, 10, 2, 9, 9, 0, TimeSpan.Zero));
        Assert.Equal(640, e.TokensOut);
        var summary = Assert.Single(fx.Store.ReadSessions(), s => s.SessionId == SessionB);
        Assert.Equal(4, summary.Turns - summary.UserTurns);
        Assert.True(summary.TokensOut >= 640);
    }

    [Fact]
    public void Import_RecordDatedInTheFarFuture_RefusedWithAWarningAndTheRestIsImported()
    {
        // Issue 11.1, variant: one record dated 9999-12-31 pinned the file's offset, so nothing after it was ever read.
        string file = fx.SessionFile(SessionB);
        File.AppendAllText(file, Line("msg_01F1", "req_01F1", "9999-12-31T00:00:00.000Z", "claude-sonnet-4-5-20250929", 5, 7) + "\n");
        File.AppendAllText(file, Line("msg_01F2", "req_01F2", "2025-10-02T11:00:00.000Z", "claude-sonnet-4-5-20250929", 5, 9) + "\n");
        var warnings = new List<string>();

        var first = fx.Import(LogSource.ClaudeCode, warning: warnings.Add);
        File.AppendAllText(file, Line("msg_01F3", "req_01F3", "2025-10-02T11:30:00.000Z", "claude-sonnet-4-5-20250929", 5, 11) + "\n");
        fx.Import(LogSource.ClaudeCode);

        Assert.DoesNotContain(fx.Events(), e => e.Timestamp.Year == 9999);
        Assert.Single(fx.Events(), e => e.TokensOut == 9 && e.Timestamp.Hour == 11);
        Assert.Single(fx.Events(), e => e.TokensOut == 11 && e.Timestamp.Minute == 30);
        Assert.True(first.LinesSkipped >= 1);
        Assert.Contains(warnings, w => w.StartsWith("log file ", StringComparison.Ordinal) && !w.Contains(file, StringComparison.Ordinal) && w.Contains("future", StringComparison.Ordinal));
    }

    [Fact]
    public void Import_IdleSessionLeftOpen_IsClosedByALaterImportWithNothingNew()
    {
        var now = new DateTimeOffset(2025, 10, 2, 9, 10, 0, TimeSpan.Zero);
        fx.Import(LogSource.ClaudeCode, now: now);

        var later = fx.Import(LogSource.ClaudeCode, now: now.AddHours(2));

        // The response held back while the session was active comes in now, before the session is closed (issue 11.1).
        Assert.Equal((1L, 1), (later.EventsAdded, later.SessionsClosed));
        var b = Assert.Single(fx.Store.ReadSessions(), s => s.SessionId == SessionB);
        Assert.Equal(2, b.UserTurns);
        Assert.Equal(1, b.Corrections);
    }

    [Fact]
    public void Import_Cancelled_KeepsWhatWasImportedAndTheNextImportFinishes()
    {
        string many = Path.Combine(fx.Logs, "many");
        Directory.CreateDirectory(many);
        for (int i = 0; i < 300; i++)
        {
            File.WriteAllText(Path.Combine(many, $"s{i:D3}.jsonl"), Line($"msg_{i}", $"req_{i}", "2025-10-05T10:00:00.000Z", "claude-haiku-4-5", 10, 1, session: $"sess-{i:D3}") + "\n");
        }

        using var cancel = new CancellationTokenSource();
        var first = fx.Import(LogSource.ClaudeCode, progress: _ => cancel.Cancel(), cancel: cancel.Token, path: many);

        Assert.True(first.Cancelled);
        Assert.InRange(first.EventsAdded, 1, 299);
        Assert.Equal(first.EventsAdded, fx.Events().Count);

        var second = fx.Import(LogSource.ClaudeCode, path: many);

        Assert.False(second.Cancelled);
        Assert.Equal(300, fx.Events().Count);
        Assert.Equal(300, fx.Store.ReadSessions().Count);
    }

    [Fact]
    public void Import_WhileAnotherImportRuns_IsRefusedAsBusy()
    {
        Directory.CreateDirectory(fx.StoreRoot);
        using var held = new FileStream(Path.Combine(fx.StoreRoot, ".import.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);

        Assert.Throws<StoreBusyException>(() => fx.Import(LogSource.ClaudeCode));
        Assert.Empty(fx.Events());
    }

    [Fact]
    public void Import_UnterminatedLastLine_IsLeftForTheNextImport()
    {
        string file = fx.SessionFile(SessionB);
        string line = Line("msg_01B9", "req_01B9", "2025-10-02T11:00:00.000Z", "claude-sonnet-4-5-20250929", 1, 2);
        File.AppendAllText(file, line[..40]);
        fx.Import(LogSource.ClaudeCode);
        Assert.DoesNotContain(fx.Events(), e => e.Timestamp.Hour == 11);

        File.AppendAllText(file, line[40..] + "\n");
        fx.Import(LogSource.ClaudeCode);

        Assert.Single(fx.Events(), e => e.Timestamp.Hour == 11);
    }

    private void Import_Fixtures_TotalsUnchanged() =>
        DayTotals.AssertEqual(
            [
                new("2025-10-01", 3535, 1425, 19700, 77700, 0.123205),
                new("2025-10-02", 17, 530, 4900, 68300, 0.055866),
                new("2025-10-03", 20, 1300, 5900, 5000, 0.215925),
            ],
            fx.Daily(LogSources.ClaudeCodeSystem));

    private static string Line(string messageId, string requestId, string ts, string model, long input, long output, string session = SessionB) =>
        $$$"""{"parentUuid":null,"isSidechain":false,"sessionId":"{{{session}}}","version":"2.0.14","message":{"id":"{{{messageId}}}","type":"message","role":"assistant","model":"{{{model}}}","content":[{"type":"text","text":"ok"}],"usage":{"input_tokens":{{{input}}},"cache_creation_input_tokens":0,"cache_read_input_tokens":0,"output_tokens":{{{output}}}}},"requestId":"{{{requestId}}}","type":"assistant","uuid":"u-{{{messageId}}}-{{{output}}}","timestamp":"{{{ts}}}"}""";
}
