// The periods of a report over a team database as UTC intervals: every 15-minute slot from the first event's to the
// last's is given its calendar day by the same SlotDays the local daily facts use, and runs of slots with one period
// become one interval. A zone that falls back across midnight gives a day twice, as two intervals: exactly what the
// local report counts. The walk makes one offset look-up per slot (35,040 a year of data) and needs no rule of our own.
using ZosTelemetry.Facts;
using ZosTelemetry.Reports;

namespace ZosTelemetry.Sync;

internal static class TeamPeriods
{
    /// <summary>The query for events between first and last (inclusive), by day or month of the usage query's zone.</summary>
    public static TeamUsageQuery For(UsageQuery query, UsagePeriod period, DateTimeOffset first, DateTimeOffset last)
    {
        int since = query.Since?.DayNumber ?? int.MinValue, until = query.Until?.DayNumber ?? int.MaxValue;
        var days = new SlotDays(query.TimeZone);
        var bounds = new List<DateTimeOffset>();
        var periods = new List<int>();
        long firstSlot = DailyFactTable.SlotOf(first.UtcTicks), lastSlot = DailyFactTable.SlotOf(last.UtcTicks);
        for (long slot = firstSlot; slot <= lastSlot; slot++)
        {
            int day = days.DayOf(slot);
            int key = day < since || day > until ? -1
                : period == UsagePeriod.Day ? day
                : (DateOnly.FromDayNumber(day).Year * 12) + DateOnly.FromDayNumber(day).Month - 1;
            if (periods.Count == 0 || periods[^1] != key)
            {
                bounds.Add(new DateTimeOffset(DailyFactTable.SlotStartTicks(slot), TimeSpan.Zero));
                periods.Add(key);
            }
        }

        return new TeamUsageQuery
        {
            System = query.System,
            From = bounds[0],
            Until = new DateTimeOffset(DailyFactTable.SlotStartTicks(lastSlot + 1), TimeSpan.Zero),
            Bounds = bounds,
            Periods = periods,
        };
    }

    /// <summary>One window [since, until) as one period (0): the savings report's.</summary>
    public static TeamUsageQuery Window(string? system, DateTimeOffset? since, DateTimeOffset? until)
    {
        // The store holds nothing before 2000 (its earliest timestamp) and PostgreSQL's range ends far after 9999.
        var from = since ?? new DateTimeOffset(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return new TeamUsageQuery
        {
            System = system,
            From = from,
            Until = until ?? new DateTimeOffset(9999, 12, 31, 0, 0, 0, TimeSpan.Zero),
            Bounds = [from],
            Periods = [0],
        };
    }
}
