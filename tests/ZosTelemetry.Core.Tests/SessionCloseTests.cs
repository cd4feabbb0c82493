// Closing a session: the summary row's figures, which model and system it is filed under, where the row goes,
// and how re-closing and reading back behave.
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SessionCloseTests : IDisposable
{
    private readonly TempRoot temp = new();
    private DateTimeOffset now = Make.Now;

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    private TelemetryStore NewStore() => new(Root, w => Assert.Fail("unexpected warning: " + w), () => now);

    private static DateTimeOffset At(int hour, int minute, int second = 0) => Make.Utc(2026, 6, 10, hour, minute, second);

    /// <summary>
    /// Six events: three user turns (one corrected per the detector, one carrying an explicit corr.* marker, one with
    /// a marker that is not a correction), two assistant turns (one carrying a corr.* marker, which must not count)
    /// and one tool call. Expected: turns 5, user_turns 3, corrections 2, events 6, tokens 350/360, cost 0.035,
    /// first 17:00:00, last 17:03:00, duration 180 s.
    /// </summary>
    private SessionSummary CloseStandardSession()
    {
        var store = NewStore();
        store.Append(
        [
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 0), context: "repo-a", model: "claude-sonnet-4-5", tokensIn: 100, costUsd: 0.01, markers: [.. CorrectionDetector.Markers("no, that's wrong")]),
            Make.Event(kind: EventKinds.AssistantMessage, ts: At(17, 0, 10), context: "repo-a", model: "claude-sonnet-4-5", tokensIn: 200, tokensOut: 300, costUsd: 0.02, markers: ["corr.strong.1"]),
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 1), context: "repo-a", markers: ["corr.strong.10"]),
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 2), context: "repo-b", markers: ["x.tool-used"]),
            Make.Event(kind: "tool_call", ts: At(17, 2, 30)),
            Make.Event(kind: EventKinds.AssistantMessage, ts: At(17, 3), model: "claude-haiku-4-5", tokensIn: 50, tokensOut: 60, costUsd: 0.005),
        ]);
        return store.Close("s1");
    }

    [Fact]
    public void Close_StandardSession_TurnsCountUserAndAssistantMessagesOnly()
    {
        Assert.Equal(5, CloseStandardSession().Turns);
    }

    [Fact]
    public void Close_StandardSession_UserTurnsCountUserMessages()
    {
        Assert.Equal(3, CloseStandardSession().UserTurns);
    }

    [Fact]
    public void Close_StandardSession_CorrectionsCountDetectedAndExplicitCorrMarkersOnUserTurns()
    {
        Assert.Equal(2, CloseStandardSession().Corrections);
    }

    [Fact]
    public void Close_CorrMarkerOnAssistantTurn_IsNotACorrection()
    {
        var store = NewStore();
        store.Append([Make.Event(kind: EventKinds.AssistantMessage, markers: ["corr.strong.1"]), Make.Event(kind: Import.ImportedKinds.SubagentMessage, markers: ["corr.strong.2"])]);

        var summary = store.Close("s1");

        Assert.Equal(0, summary.Corrections);
    }

    [Fact]
    public void Close_UserTurnWithSeveralCorrMarkers_CountsOnce()
    {
        var store = NewStore();
        store.Append(Make.Event(markers: ["corr.strong.1", "corr.strong.5", "corr.weak.2"]));

        Assert.Equal(1, store.Close("s1").Corrections);
    }

    [Fact]
    public void Close_StandardSession_EventsCountEveryEvent()
    {
        Assert.Equal(6, CloseStandardSession().Events);
    }

    [Fact]
    public void Close_StandardSession_TokensAreSummed()
    {
        var summary = CloseStandardSession();

        Assert.Equal(350, summary.TokensIn);
        Assert.Equal(360, summary.TokensOut);
        Assert.Equal(710, summary.Tokens);
    }

    [Fact]
    public void Close_StandardSession_CostIsSummed()
    {
        Assert.Equal(0.035, CloseStandardSession().CostUsd, 10);
    }

    [Fact]
    public void Close_StandardSession_FirstAndLastTimestampsSpanTheEvents()
    {
        var summary = CloseStandardSession();

        Assert.Equal(At(17, 0), summary.FirstTimestamp);
        Assert.Equal(At(17, 3), summary.LastTimestamp);
    }

    [Fact]
    public void Close_StandardSession_DurationIsLastMinusFirstInSeconds()
    {
        Assert.Equal(180, CloseStandardSession().DurationSeconds);
    }

    [Fact]
    public void Close_EventsAppendedOutOfOrder_FirstAndLastAreByTimestamp()
    {
        var store = NewStore();
        store.Append([Make.Event(ts: At(17, 30)), Make.Event(ts: At(17, 0)), Make.Event(ts: At(17, 10))]);

        var summary = store.Close("s1");

        Assert.Equal(At(17, 0), summary.FirstTimestamp);
        Assert.Equal(At(17, 30), summary.LastTimestamp);
        Assert.Equal(1800, summary.DurationSeconds);
    }

    [Fact]
    public void Close_TurnsWithoutTheV2Stamp_RecordsVersionOne()
    {
        // The standard session's user turns carry markers but no det.v2 stamp: version 1 (or a person) marked them.
        Assert.Equal(1, CloseStandardSession().DetectorVersion);
    }

    [Fact]
    public void Close_TurnsReadByVersionTwo_RecordsVersionTwoAndCountsTheirCorrections()
    {
        var store = NewStore();
        store.Append(
        [
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 0), markers: [.. CorrectionDetector.MarkersToStore(CorrectionDetector.Detect("das ist falsch"))]),
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 1), markers: [.. CorrectionDetector.MarkersToStore(CorrectionDetector.Detect("danke, passt"))]),
        ]);

        var summary = store.Close("s1");

        Assert.Equal(2, summary.DetectorVersion);
        Assert.Equal(1, summary.Corrections);
    }

    [Fact]
    public void Close_AskedForTheVersionThatReadTheTurns_Counts()
    {
        var store = NewStore();
        store.Append([Make.Event(kind: EventKinds.UserMessage, ts: At(17, 0), markers: [.. CorrectionDetector.Markers("no, that's wrong", 1)])]);

        var summary = store.Close("s1", detectorVersion: 1);

        Assert.Equal(1, summary.DetectorVersion);
        Assert.Equal(1, summary.Corrections);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 1)]
    public void Close_AskedForAnotherVersion_RefusesAndWritesNothing(int readBy, int asked)
    {
        var store = NewStore();
        var result = CorrectionDetector.Detect("that's wrong", readBy);
        store.Append([Make.Event(kind: EventKinds.UserMessage, ts: At(17, 0), markers: [.. CorrectionDetector.MarkersToStore(result)])]);

        var ex = Assert.Throws<DetectorRecountException>(() => store.Close("s1", detectorVersion: asked));

        Assert.Equal("s1", ex.SessionId);
        Assert.Empty(store.ReadSessions());
    }

    [Fact]
    public void Close_TurnsOfBothVersions_RecordsVersionOneCountingEveryTurn()
    {
        var store = NewStore();
        store.Append(
        [
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 0), markers: [.. CorrectionDetector.Markers("that's wrong", 1)]),
            Make.Event(kind: EventKinds.UserMessage, ts: At(17, 1), markers: [.. CorrectionDetector.MarkersToStore(CorrectionDetector.Detect("c'est faux"))]),
        ]);

        var summary = store.Close("s1");

        Assert.Equal(1, summary.DetectorVersion);
        Assert.Equal(2, summary.Corrections);
    }

    [Fact]
    public void Close_StandardSession_SystemAndContextAreTheMostFrequent()
    {
        var summary = CloseStandardSession();

        Assert.Equal("claude-code", summary.System);
        Assert.Equal("repo-a", summary.Context);
    }

    [Fact]
    public void Close_NoContextOnAnyEvent_ContextIsNull()
    {
        var store = NewStore();
        store.Append(Make.Event());

        Assert.Null(store.Close("s1").Context);
    }

    [Fact]
    public void Close_StandardSession_ClosedAtComesFromTheClock()
    {
        Assert.Equal(Make.Now, CloseStandardSession().ClosedAt);
    }

    [Fact]
    public void Close_ModelsWithCost_DominantModelIsTheCostliest()
    {
        var store = NewStore();
        store.Append(
        [
            Make.Event(model: "cheap-model", costUsd: 0.01),
            Make.Event(model: "cheap-model", costUsd: 0.01),
            Make.Event(model: "cheap-model", costUsd: 0.01),
            Make.Event(model: "dear-model", costUsd: 0.05),
        ]);

        Assert.Equal("dear-model", store.Close("s1").Model);
    }

    [Fact]
    public void Close_ModelsWithoutCost_DominantModelIsTheMostFrequent()
    {
        var store = NewStore();
        store.Append(
        [
            Make.Event(model: "rare-model"),
            Make.Event(model: "common-model"),
            Make.Event(model: "common-model"),
            Make.Event(model: null),
            Make.Event(model: null),
            Make.Event(model: null),
        ]);

        Assert.Equal("common-model", store.Close("s1").Model);
    }

    [Fact]
    public void Close_NoModelOnAnyEvent_ModelIsNull()
    {
        var store = NewStore();
        store.Append(Make.Event(model: null));

        Assert.Null(store.Close("s1").Model);
    }

    [Fact]
    public void Close_UnknownSession_ThrowsSessionNotFound()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "other"));

        var ex = Assert.Throws<SessionNotFoundException>(() => store.Close("missing"));

        Assert.Equal("missing", ex.SessionId);
        Assert.Contains("'missing' has no events", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Close_EmptyStore_ThrowsSessionNotFound()
    {
        Assert.Throws<SessionNotFoundException>(() => NewStore().Close("s1"));
    }

    [Fact]
    public void Close_InvalidSessionId_ThrowsValidationOnSessionId()
    {
        var ex = Assert.Throws<TelemetryValidationException>(() => NewStore().Close("../escape"));

        Assert.Equal("session_id", ex.Field);
    }

    [Fact]
    public void Close_ThenReadSessions_RoundTripsTheSummary()
    {
        var closed = CloseStandardSession();

        var read = Assert.Single(new TelemetryStore(Root).ReadSessions());

        Assert.Equal(closed.SessionId, read.SessionId);
        Assert.Equal(closed.System, read.System);
        Assert.Equal(closed.Context, read.Context);
        Assert.Equal(closed.Model, read.Model);
        Assert.Equal(closed.DetectorVersion, read.DetectorVersion);
        Assert.Equal(closed.Turns, read.Turns);
        Assert.Equal(closed.UserTurns, read.UserTurns);
        Assert.Equal(closed.Corrections, read.Corrections);
        Assert.Equal(closed.Events, read.Events);
        Assert.Equal(closed.TokensIn, read.TokensIn);
        Assert.Equal(closed.TokensOut, read.TokensOut);
        Assert.Equal(closed.CostUsd, read.CostUsd);
        Assert.Equal(closed.FirstTimestamp, read.FirstTimestamp);
        Assert.Equal(closed.LastTimestamp, read.LastTimestamp);
        Assert.Equal(closed.DurationSeconds, read.DurationSeconds);
        Assert.Equal(closed.ClosedAt, read.ClosedAt);
    }

    [Fact]
    public void Close_SessionClosedInLaterMonth_RowGoesToTheClosingMonthFile()
    {
        var store = NewStore();
        now = Make.Utc(2026, 6, 1, 0, 30);
        store.Append(Make.Event(ts: Make.Utc(2026, 5, 31, 23, 0)));

        store.Close("s1");

        Assert.True(File.Exists(Path.Combine(Root, "sessions-2026-06.jsonl")));
        Assert.False(File.Exists(Path.Combine(Root, "sessions-2026-05.jsonl")));
    }

    [Fact]
    public void Close_TwoClosesInDifferentMonths_TwoSessionFiles()
    {
        var store = NewStore();
        store.Append(Make.Event(sessionId: "may", ts: Make.Utc(2026, 5, 20)));
        now = Make.Utc(2026, 5, 31, 12);
        store.Close("may");
        now = Make.Utc(2026, 6, 2, 12);
        store.Append(Make.Event(sessionId: "june", ts: Make.Utc(2026, 6, 2)));
        store.Close("june");

        Assert.Equal(["sessions-2026-05.jsonl", "sessions-2026-06.jsonl"], Directory.GetFiles(Root, "sessions-*.jsonl").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Close_AgainAfterMoreEvents_WritesASecondRow()
    {
        var store = NewStore();
        store.Append([Make.Event(ts: At(17, 0)), Make.Event(ts: At(17, 1))]);
        store.Close("s1");
        store.Append(Make.Event(ts: At(17, 2)));
        now = now.AddMinutes(1);

        store.Close("s1");

        Assert.Equal([2L, 3L], store.ReadSessionRows().Select(s => s.Events));
    }

    [Fact]
    public void ReadSessions_SessionClosedTwice_ReturnsOnlyTheLatestRow()
    {
        var store = NewStore();
        store.Append([Make.Event(ts: At(17, 0)), Make.Event(ts: At(17, 1), markers: ["corr.strong.9"])]);
        store.Close("s1");
        store.Append(Make.Event(ts: At(17, 2), markers: ["corr.weak.1"]));
        now = now.AddMinutes(1);
        store.Close("s1");

        var session = Assert.Single(store.ReadSessions());

        Assert.Equal(3, session.Events);
        Assert.Equal(2, session.Corrections);
        Assert.Equal(now, session.ClosedAt);
    }

    [Fact]
    public void ReadSessions_SessionClosedTwiceAtTheSameInstant_LaterRowWins()
    {
        var store = NewStore();
        store.Append(Make.Event(ts: At(17, 0)));
        store.Close("s1");
        store.Append(Make.Event(ts: At(17, 1)));
        store.Close("s1");

        Assert.Equal(2, Assert.Single(store.ReadSessions()).Events);
    }

    [Fact]
    public void ReadSessions_SessionReclosedInTheNextMonth_ReturnsTheNextMonthRow()
    {
        var store = NewStore();
        now = Make.Utc(2026, 5, 31, 23, 50);
        store.Append(Make.Event(ts: Make.Utc(2026, 5, 31, 23, 0)));
        store.Close("s1");
        now = Make.Utc(2026, 6, 1, 0, 10);
        store.Append(Make.Event(ts: Make.Utc(2026, 6, 1, 0, 5)));
        store.Close("s1");

        Assert.Equal(2, Assert.Single(store.ReadSessions()).Events);
    }

    private TelemetryStore StoreWithThreeSessions()
    {
        var store = NewStore();
        store.Append(
        [
            Make.Event(sessionId: "a1", system: "alpha", context: "web", model: "m-one", ts: Make.Utc(2026, 6, 1)),
            Make.Event(sessionId: "a2", system: "alpha", context: "cli", model: "m-two", ts: Make.Utc(2026, 6, 5)),
            Make.Event(sessionId: "b1", system: "beta", context: "web", model: "m-one", ts: Make.Utc(2026, 6, 9)),
        ]);
        store.Close("a1");
        store.Close("a2");
        store.Close("b1");
        return store;
    }

    [Fact]
    public void ReadSessions_NoQuery_ReturnsAllOrderedByFirstTimestamp()
    {
        Assert.Equal(["a1", "a2", "b1"], StoreWithThreeSessions().ReadSessions().Select(s => s.SessionId));
    }

    [Fact]
    public void ReadSessions_QueryBySystem_ReturnsThatSystemOnly()
    {
        var sessions = StoreWithThreeSessions().ReadSessions(new SessionQuery { System = "alpha" });

        Assert.Equal(["a1", "a2"], sessions.Select(s => s.SessionId));
    }

    [Fact]
    public void ReadSessions_QueryBySessionId_ReturnsThatSessionOnly()
    {
        var sessions = StoreWithThreeSessions().ReadSessions(new SessionQuery { SessionId = "a2" });

        Assert.Equal("a2", Assert.Single(sessions).SessionId);
    }

    [Fact]
    public void ReadSessions_QueryByContext_ReturnsThatContextOnly()
    {
        var sessions = StoreWithThreeSessions().ReadSessions(new SessionQuery { Context = "web" });

        Assert.Equal(["a1", "b1"], sessions.Select(s => s.SessionId));
    }

    [Fact]
    public void ReadSessions_QueryByModel_ReturnsThatModelOnly()
    {
        var sessions = StoreWithThreeSessions().ReadSessions(new SessionQuery { Model = "m-two" });

        Assert.Equal("a2", Assert.Single(sessions).SessionId);
    }

    [Fact]
    public void ReadSessions_QuerySinceAndUntil_FiltersByLastTimestampHalfOpen()
    {
        var sessions = StoreWithThreeSessions().ReadSessions(new SessionQuery { Since = Make.Utc(2026, 6, 5), Until = Make.Utc(2026, 6, 9) });

        Assert.Equal("a2", Assert.Single(sessions).SessionId);
    }

    [Fact]
    public void ReadSessions_QueryMatchingNothing_ReturnsEmpty()
    {
        Assert.Empty(StoreWithThreeSessions().ReadSessions(new SessionQuery { System = "gamma" }));
    }
}
