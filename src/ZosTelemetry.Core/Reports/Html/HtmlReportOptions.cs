// What an HTML report covers: up to two systems, a window of days before Now, and the prices for events without a cost.
using ZosTelemetry.Pricing;

namespace ZosTelemetry.Reports.Html;

public sealed record HtmlReportOptions
{
    /// <summary>Up to two systems; none: the two with the most sessions go head to head and every system is charted.</summary>
    public IReadOnlyList<string> Systems { get; init; } = Array.Empty<string>();

    /// <summary>Only the last N days before Now (sessions by last activity, events and calls by time); null: all time.</summary>
    public int? WindowDays { get; init; }

    public DateTimeOffset Now { get; init; } = DateTimeOffset.UtcNow;

    /// <summary>Prices for events without a recorded cost (default: the shipped table).</summary>
    public CostResolver? Costs { get; init; }

    /// <summary>
    /// False reads the sessions from the rows as compare and ReadSessions do, never from or into the stored summaries:
    /// the reference that tests hold the page made from the sidecar against.
    /// </summary>
    internal bool ReadStoredSummaries { get; init; } = true;

    /// <summary>Checked: at most two distinct, non-empty systems and a window of one day or more.</summary>
    internal void Check()
    {
        if (Systems.Count > 2)
        {
            throw new ArgumentException($"Give at most two systems; got {Systems.Count}.");
        }

        if (Systems.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("A system name must not be empty.");
        }

        if (Systems.Count == 2 && Systems[0] == Systems[1])
        {
            throw new ArgumentException($"Both systems are '{Systems[0]}'; name two different systems.");
        }

        if (WindowDays is < 1)
        {
            throw new ArgumentException($"The window must be 1 day or more; got {WindowDays}.");
        }
    }
}
