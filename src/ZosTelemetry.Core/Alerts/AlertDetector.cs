// Finds the alerts of one session from its event timeline (loop, stall, error_burst) and the cost spikes across a
// system's sessions. Severity: warning when a threshold is crossed, critical at twice it (a loop of 16 calls, a burst
// of 10 errors, a z of 10); a stall is info below an hour (a person may simply have paused) and warning from there.
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Statistics;

namespace ZosTelemetry.Alerts;

/// <summary>What the detector needs of one event: when, what kind of agent event, which tool.</summary>
public readonly record struct TimelineEvent(long UtcTicks, TimelineKind Kind, string? Tool);

public enum TimelineKind : byte
{
    Other,
    ToolCall,
    ToolResult,
    Error,
}

public static class AlertDetector
{
    /// <summary>MAD × 1.4826 estimates the standard deviation of normally distributed costs.</summary>
    public const double MadScale = 1.4826;

    public static TimelineKind KindOf(TelemetryEvent e) => e.Kind switch
    {
        AgentKinds.ToolCall => TimelineKind.ToolCall,
        AgentKinds.ToolResult => TimelineKind.ToolResult,
        AgentKinds.Error or AgentKinds.ApiError => TimelineKind.Error,
        _ => TimelineKind.Other,
    };

    /// <summary>The loop, stall and error_burst alerts of one session; at most one of each type (the worst).</summary>
    public static IReadOnlyList<TelemetryAlert> ForSession(string sessionId, string system, IReadOnlyList<TimelineEvent> timeline, AlertOptions options, DateTimeOffset? closedAt)
    {
        var events = timeline.ToArray();
        Array.Sort(events, static (a, b) => a.UtcTicks.CompareTo(b.UtcTicks)); // stable enough: equal instants keep no meaningful order
        var alerts = new List<TelemetryAlert>(0);
        if (Loop(events, options) is var (loopStart, loopCount, tool))
        {
            alerts.Add(new TelemetryAlert
            {
                SessionId = sessionId, System = system, Type = AlertTypes.Loop, Timestamp = At(loopStart), Count = loopCount, Tool = tool,
                Severity = loopCount >= 2L * options.LoopCalls ? AlertSeverities.Critical : AlertSeverities.Warning,
                Threshold = options.LoopCalls, ClosedAt = closedAt,
            });
        }

        if (Stall(events, options) is var (gapStart, gapSeconds))
        {
            alerts.Add(new TelemetryAlert
            {
                SessionId = sessionId, System = system, Type = AlertTypes.Stall, Timestamp = At(gapStart), GapSeconds = gapSeconds,
                Severity = gapSeconds >= 3600 ? AlertSeverities.Warning : AlertSeverities.Info,
                Threshold = options.StallMinSeconds, ClosedAt = closedAt,
            });
        }

        if (Burst(events, options) is var (burstStart, burstCount))
        {
            alerts.Add(new TelemetryAlert
            {
                SessionId = sessionId, System = system, Type = AlertTypes.ErrorBurst, Timestamp = At(burstStart), Count = burstCount,
                Severity = burstCount >= 2L * options.BurstErrors ? AlertSeverities.Critical : AlertSeverities.Warning,
                Threshold = options.BurstErrors, ClosedAt = closedAt,
            });
        }

        return alerts;
    }

    /// <summary>
    /// Cost spikes: per system with at least CostMinSessions sessions of known cost, every session whose cost lies more
    /// than CostZ robust standard deviations (1.4826 × MAD) above the system's median. A system whose costs do not
    /// vary (MAD 0) has no scale to measure a spike by and raises none.
    /// </summary>
    public static IReadOnlyList<TelemetryAlert> CostSpikes(IEnumerable<SessionSummary> sessions, AlertOptions options)
    {
        var alerts = new List<TelemetryAlert>();
        foreach (var system in sessions.Where(s => s.UnpricedEvents == 0).GroupBy(s => s.System, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var list = system.ToList();
            if (list.Count < options.CostMinSessions)
            {
                continue;
            }

            double[] costs = list.Select(s => s.CostUsd).ToArray();
            double median = Descriptive.Median(costs);
            double mad = Descriptive.Median(costs.Select(c => Math.Abs(c - median)).ToArray());
            if (!(mad > 0))
            {
                continue;
            }

            foreach (var s in list)
            {
                double z = (s.CostUsd - median) / (MadScale * mad);
                if (z > options.CostZ)
                {
                    alerts.Add(new TelemetryAlert
                    {
                        SessionId = s.SessionId, System = s.System, Type = AlertTypes.CostSpike, Timestamp = s.LastTimestamp,
                        CostUsd = s.CostUsd, MedianCostUsd = Math.Round(median, 10), Z = Math.Round(z, 2),
                        Severity = z >= 2 * options.CostZ ? AlertSeverities.Critical : AlertSeverities.Warning,
                        Threshold = options.CostZ,
                    });
                }
            }
        }

        return alerts;
    }

    /// <summary>The longest run of calls of one tool with no call of another between them (results and turns do not break it).</summary>
    private static (long Start, long Count, string Tool)? Loop(TimelineEvent[] events, AlertOptions options)
    {
        // An import stores each call once, as its result: where a session has no tool_call events, its results are the calls.
        bool hasCalls = events.Any(e => e.Kind == TimelineKind.ToolCall);
        var callKind = hasCalls ? TimelineKind.ToolCall : TimelineKind.ToolResult;
        (long Start, long Count, string Tool)? best = null;
        string? tool = null;
        long start = 0, count = 0;
        foreach (var e in events)
        {
            if (e.Kind != callKind)
            {
                continue;
            }

            if (e.Tool is not null && e.Tool == tool)
            {
                count++;
            }
            else
            {
                (tool, start, count) = (e.Tool, e.UtcTicks, 1);
            }

            if (tool is not null && count >= options.LoopCalls && (best is null || count > best.Value.Count))
            {
                best = (start, count, tool);
            }
        }

        return best;
    }

    private static (long Start, double Seconds)? Stall(TimelineEvent[] events, AlertOptions options)
    {
        if (events.Length < 3)
        {
            return null;
        }

        var gaps = new double[events.Length - 1];
        for (int i = 1; i < events.Length; i++)
        {
            gaps[i - 1] = (events[i].UtcTicks - events[i - 1].UtcTicks) / (double)TimeSpan.TicksPerSecond;
        }

        double median = Descriptive.Median(gaps.ToArray());
        (long Start, double Seconds)? worst = null;
        for (int i = 0; i < gaps.Length; i++)
        {
            if (gaps[i] >= options.StallMinSeconds && gaps[i] > options.StallFactor * median && (worst is null || gaps[i] > worst.Value.Seconds))
            {
                worst = (events[i].UtcTicks, gaps[i]);
            }
        }

        return worst;
    }

    private static (long Start, long Count)? Burst(TimelineEvent[] events, AlertOptions options)
    {
        var errors = events.Where(e => e.Kind == TimelineKind.Error).Select(e => e.UtcTicks).ToArray();
        long window = (long)(options.BurstSeconds * TimeSpan.TicksPerSecond);
        (long Start, long Count)? best = null;
        for (int i = 0, j = 0; j < errors.Length; j++)
        {
            while (errors[j] - errors[i] > window)
            {
                i++;
            }

            long count = j - i + 1;
            if (count >= options.BurstErrors && (best is null || count > best.Value.Count))
            {
                best = (errors[i], count);
            }
        }

        return best;
    }

    private static DateTimeOffset At(long ticks) => new(ticks, TimeSpan.Zero);
}
