// Importing Codex rollouts: token_count rules, models from turn_context, user turns, tools, interruptions and errors,
// rollouts from before September 2025 (no token counts) and legacy ones, and continuing in the middle of a file.
using ZosTelemetry.Events;
using ZosTelemetry.Import;

namespace ZosTelemetry.Tests;

public sealed class CodexImportTests : IDisposable
{
    private const string October1 = "0199a3f0-1c2d-7e4f-8a9b-00000000c001";
    private const string August = "0198b000-1c2d-7e4f-8a9b-00000000c003";
    private const string Legacy = "0196c000-1c2d-7e4f-8a9b-00000000c004";

    private static readonly DayTotals[] CcusageUtc =
    [
        new("2025-10-01", 11300, 1190, 0, 41200, 0.031175),
        new("2025-10-02", 3000, 400, 0, 0, 0.00155),
        new("2025-10-03", 500, 200, 0, 3000, 0.0006),
    ];

    private readonly ImportFixture fx = new();

    public void Dispose() => fx.Dispose();

    [Fact]
    public void Import_Fixtures_DailyTotalsEqualCcusage()
    {
        fx.Import(LogSource.Codex);

        DayTotals.AssertEqual(CcusageUtc, fx.Daily(LogSources.CodexSystem).Where(d => d.TotalTokens > 0).ToList());
    }

    [Fact]
    public void Import_Fixtures_DaysInNewYorkEqualCcusage()
    {
        fx.Import(LogSource.Codex);

        DayTotals.AssertEqual(
            [new("2025-10-01", 11300, 1190, 0, 41200, 0.031175), new("2025-10-02", 3500, 600, 0, 3000, 0.00215)],
            fx.Daily(LogSources.CodexSystem, "America/New_York").Where(d => d.TotalTokens > 0).ToList());
    }

    [Fact]
    public void Import_Fixtures_CountsTurnsToolsAndErrors()
    {
        var r = fx.Import(LogSource.Codex);

        Assert.Equal((7L, 2L, 4L, 2L, 1L), (r.UserTurns, r.Corrections, r.ToolCalls, r.ToolFailures, r.ApiErrors));
        Assert.Single(fx.Events(ImportedKinds.UserInterrupt));
        Assert.Equal(4, r.SessionsClosed);
    }

    [Fact]
    public void Import_RepeatedTokenCount_CountsOnce()
    {
        fx.Import(LogSource.Codex);

        var first = fx.Events(EventKinds.AssistantMessage).Where(e => e.SessionId == October1).OrderBy(e => e.Timestamp).First();
        Assert.Equal((6000L, 2000L, 300L), (first.TokensIn, first.CacheReadTokens!.Value, first.TokensOut));
        Assert.Equal(5, fx.Events(EventKinds.AssistantMessage).Count(e => e.SessionId == October1));
    }

    [Fact]
    public void Import_ModelSwitchedByTurnContext_PricesEachResponseByItsModel()
    {
        fx.Import(LogSource.Codex);

        var models = fx.Events(EventKinds.AssistantMessage).Where(e => e.SessionId == October1).OrderBy(e => e.Timestamp).Select(e => e.Model).ToList();
        Assert.Equal(["gpt-5-codex", "gpt-5-codex", "gpt-5-codex", "gpt-5", "gpt-5"], models);
    }

    [Fact]
    public void Import_RolloutBeforeTokenCounts_ImportsTurnsAndToolsWithoutTokens()
    {
        fx.Import(LogSource.Codex);

        var august = Assert.Single(fx.Store.ReadSessions(), s => s.SessionId == August);
        Assert.Equal((2L, 1L, 0L, 0.0), (august.UserTurns, august.Corrections, august.TokensIn + august.TokensOut, august.CostUsd));
    }

    [Fact]
    public void Import_LegacyRollout_UsesTheSessionStartAndSkipsInjectedInstructions()
    {
        fx.Import(LogSource.Codex);

        var events = fx.Events().Where(e => e.SessionId == Legacy).ToList();
        Assert.Equal(2, events.Count); // one user turn and one failed tool result
        Assert.All(events, e => Assert.Equal(new DateTimeOffset(2025, 5, 12, 8, 0, 0, TimeSpan.Zero), e.Timestamp));
        Assert.Single(events, e => e.Markers.Contains(ImportedMarkers.ToolError));
    }

    [Fact]
    public void Import_Twice_SecondAddsNothing()
    {
        var first = fx.Import(LogSource.Codex);
        var second = fx.Import(LogSource.Codex);

        Assert.Equal((0L, 0), (second.EventsAdded, second.FilesRead));
        Assert.Equal(first.EventsAdded, fx.Events().Count);
    }

    [Fact]
    public void Import_GrownInTheMiddleOfATurn_ContinuesWithTheSavedTotals()
    {
        string file = fx.SessionFile(October1);
        var lines = File.ReadAllLines(file);
        File.WriteAllLines(file, lines[..17]); // up to the turn_context that switches to gpt-5
        fx.Import(LogSource.Codex);

        File.AppendAllLines(file, lines[17..]); // the next token_count has only a cumulative total
        var second = fx.Import(LogSource.Codex);

        Assert.Equal(0, second.FilesRewritten);
        DayTotals.AssertEqual(CcusageUtc, fx.Daily(LogSources.CodexSystem).Where(d => d.TotalTokens > 0).ToList());
    }

    [Fact]
    public void ExitCode_OfBothOutputFormats_IsRead()
    {
        Assert.Equal(1, CodexOutput("{\\\"output\\\":\\\"x\\\",\\\"metadata\\\":{\\\"exit_code\\\":1}}"));
        Assert.Equal(0, CodexOutput("Exit code: 0\\nWall time: 1 s"));
        Assert.Null(CodexOutput("patched 2 files"));
    }

    private static int? CodexOutput(string raw) => CodexParser.ExitCodeOf(System.Text.Encoding.UTF8.GetBytes(raw));
}
