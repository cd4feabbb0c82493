// The values a store holds for each kind of name, for tab completion: systems, session ids, models, contexts and
// event kinds. Read cheaply: the latest session summaries (newest first, at most Limit sessions) and the events of the
// newest month file; completion runs on every Tab press, so it never reads the whole event history.
using ZosTelemetry.Events;

namespace ZosTelemetry.Store;

public static class StoreVocabulary
{
    /// <summary>At most this many sessions are read for completion.</summary>
    public const int Limit = 2000;

    public static IReadOnlyList<string> Systems(TelemetryStore store) => store.KnownSystems();

    /// <summary>Session ids, newest closed first, then ids of open sessions seen in the newest events file.</summary>
    public static IReadOnlyList<string> SessionIds(TelemetryStore store) =>
        Distinct(Sessions(store).Select(s => s.SessionId).Concat(RecentEvents(store).Reverse().Select(e => e.SessionId)));

    public static IReadOnlyList<string> Models(TelemetryStore store) =>
        Sorted(Sessions(store).Select(s => s.Model).Concat(RecentEvents(store).Select(e => e.Model)));

    public static IReadOnlyList<string> Contexts(TelemetryStore store) =>
        Sorted(Sessions(store).Select(s => s.Context).Concat(RecentEvents(store).Select(e => e.Context)));

    /// <summary>The kinds every version knows, then any other kind seen in the newest events file.</summary>
    public static IReadOnlyList<string> Kinds(TelemetryStore store) =>
        Distinct(new[] { EventKinds.UserMessage, EventKinds.AssistantMessage }.Concat(Sorted(RecentEvents(store).Select(e => e.Kind))));

    private static IEnumerable<Sessions.SessionSummary> Sessions(TelemetryStore store) => store.StreamSessions().Take(Limit);

    private static IEnumerable<TelemetryEvent> RecentEvents(TelemetryStore store)
    {
        var newest = SinkFiles.List(store.Root, SinkKind.Events).LastOrDefault();
        return newest is null ? [] : store.ReadEvents(new EventQuery { Since = newest.MonthStart });
    }

    private static List<string> Sorted(IEnumerable<string?> values) =>
        values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    private static List<string> Distinct(IEnumerable<string?> values) =>
        values.OfType<string>().Where(v => v.Length > 0).Distinct(StringComparer.Ordinal).ToList();
}
