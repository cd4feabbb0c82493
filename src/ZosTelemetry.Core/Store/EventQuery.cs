// Filters for reading events and sessions. Time bounds also prune whole month files before they are opened.
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;

namespace ZosTelemetry.Store;

public sealed record EventQuery
{
    public string? SessionId { get; init; }
    public string? System { get; init; }
    public string? Kind { get; init; }
    public DateTimeOffset? Since { get; init; }
    public DateTimeOffset? Until { get; init; }

    public bool Matches(TelemetryEvent e) =>
        (SessionId is null || e.SessionId == SessionId)
        && (System is null || e.System == System)
        && (Kind is null || e.Kind == Kind)
        && (Since is null || e.Timestamp >= Since)
        && (Until is null || e.Timestamp < Until);

    public bool MayContain(SinkFile file) =>
        (Since is null || file.MonthEnd > Since) && (Until is null || file.MonthStart < Until);

    /// <summary>The same test over row facts, for scans that never build the event.</summary>
    internal EventFilter ToFilter() => new(this);
}

/// <summary>An EventQuery prepared for scans: names as UTF-8 bytes, bounds as UTC ticks.</summary>
internal sealed class EventFilter(EventQuery query)
{
    private readonly byte[]? sessionId = Utf8OrNull(query.SessionId);
    private readonly byte[]? system = Utf8OrNull(query.System);
    private readonly byte[]? kind = Utf8OrNull(query.Kind);
    private readonly long since = query.Since?.UtcTicks ?? long.MinValue;
    private readonly long until = query.Until?.UtcTicks ?? long.MaxValue;

    public bool Matches(in EventFacts e) =>
        (sessionId is null || e.SessionId.SequenceEqual(sessionId))
        && (system is null || e.System.SequenceEqual(system))
        && (kind is null || e.Kind.SequenceEqual(kind))
        && e.UtcTicks >= since
        && e.UtcTicks < until;

    private static byte[]? Utf8OrNull(string? s) => s is null ? null : System.Text.Encoding.UTF8.GetBytes(s);
}

public sealed record SessionQuery
{
    public string? SessionId { get; init; }
    public string? System { get; init; }
    public string? Context { get; init; }
    public string? Model { get; init; }

    /// <summary>Sessions whose last activity is at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Sessions whose last activity is before this instant.</summary>
    public DateTimeOffset? Until { get; init; }

    public bool Matches(SessionSummary s) =>
        (SessionId is null || s.SessionId == SessionId)
        && (System is null || s.System == System)
        && (Context is null || s.Context == Context)
        && (Model is null || s.Model == Model)
        && (Since is null || s.LastTimestamp >= Since)
        && (Until is null || s.LastTimestamp < Until);
}
