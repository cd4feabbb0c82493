// The daily facts of the event files a report reads, and the walks the reports make over them: rows (sums per slot,
// system, model, tier and cost class) and sessions (the slots each was active in), filtered by system and by a
// window of whole slots, with each slot's calendar day in a time zone. The reports fold these into their own figures.
using ZosTelemetry.Store;

namespace ZosTelemetry.Facts;

internal sealed class DailyFacts(IReadOnlyList<DailyFactTable> tables)
{
    public IReadOnlyList<DailyFactTable> Tables { get; } = tables;

    /// <summary>True when the instant is the start of a slot, so a window from or to it is a union of whole slots.</summary>
    public static bool IsSlotBound(DateTimeOffset? instant) => instant is not DateTimeOffset t || t.UtcTicks % DailyFactTable.SlotTicks == 0;

    /// <summary>The start of the slot that holds the instant.</summary>
    public static DateTimeOffset SlotFloor(DateTimeOffset instant) =>
        new(instant.UtcTicks - (instant.UtcTicks % DailyFactTable.SlotTicks), TimeSpan.Zero);

    /// <summary>The slot numbers of [since, until): whole slots only.</summary>
    public static (long First, long End) Slots(DateTimeOffset? since, DateTimeOffset? until)
    {
        if (!IsSlotBound(since) || !IsSlotBound(until))
        {
            throw new ArgumentException($"The daily facts answer for whole {DailyFactTable.SlotMinutes}-minute UTC slots; the window must start and end on one.");
        }

        return (since is DateTimeOffset s ? DailyFactTable.SlotOf(s.UtcTicks) : long.MinValue,
                until is DateTimeOffset u ? DailyFactTable.SlotOf(u.UtcTicks) : long.MaxValue);
    }
}

/// <summary>The calendar day (DateOnly day number) of each slot in one time zone, one offset look-up per slot met.</summary>
internal sealed class SlotDays(TimeZoneInfo zone)
{
    private readonly bool utc = zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC";
    private long slot = long.MinValue;
    private int day;

    public int DayOf(long s)
    {
        if (s != slot)
        {
            long ticks = DailyFactTable.SlotStartTicks(s);
            if (!utc)
            {
                ticks += zone.GetUtcOffset(new DateTime(ticks, DateTimeKind.Utc)).Ticks;
            }

            slot = s;
            day = (int)(ticks / TimeSpan.TicksPerDay);
        }

        return day;
    }
}
