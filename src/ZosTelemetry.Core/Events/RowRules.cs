// The ranges every stored number and time must lie in: one rule for the rows writers write and the rows readers
// accept, so that a row edited by hand, merged from another store or written by another schema-1 writer can never
// carry a value append would refuse into a report (a 5e18 token count that overflows a sum, a cost of 1e300, a date
// in the year 9999 that no time zone can show). EventValidator refuses such values with a message per field; the
// readers (RowCodec, the scan fast paths) skip such rows with the reason returned here; the doctor reports them and
// its repair removes them. A new row type (alerts, snapshots) checks its numbers with the same predicates.
//
// Times: writers accept 2000-01-01 to a day after their clock. Readers cannot use their own clock (a machine whose
// clock is wrong would then drop good rows, and a repair would delete them), so they accept 2000-01-01 up to the
// start of LatestStoredYear: a stable bound that any real event time lies within and that every time zone can show.
using System.Globalization;

namespace ZosTelemetry.Events;

public static class RowRules
{
    /// <summary>Rows dated from the start of this year on are refused by readers (see the file's comment).</summary>
    public const int LatestStoredYear = 2100;

    /// <summary>A session summary's cost is a sum of priced events, which may exceed one recorded cost; this bounds it.</summary>
    public const double MaxSessionCostUsd = 1_000_000_000_000;

    /// <summary>A session's duration in seconds cannot exceed the span of storable times.</summary>
    public static readonly double MaxSessionSeconds = (LatestTimestamp - EventValidator.EarliestTimestamp).TotalSeconds;

    public static DateTimeOffset LatestTimestamp => new(LatestStoredYear, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly long EarliestTicks = EventValidator.EarliestTimestamp.UtcTicks;
    private static readonly long LatestTicks = LatestTimestamp.UtcTicks;

    /// <summary>A token count (input, output, cache read or write) of one event: 0 to EventValidator.MaxTokens.</summary>
    public static bool IsTokenCount(long value) => (ulong)value <= (ulong)EventValidator.MaxTokens;

    /// <summary>A recorded cost of one event: finite, 0 to EventValidator.MaxCostUsd (NaN is refused by the comparison).</summary>
    public static bool IsCost(double value) => value >= 0 && value <= EventValidator.MaxCostUsd;

    public static bool IsDurationMs(long value) => (ulong)value <= (ulong)EventValidator.MaxDurationMs;

    /// <summary>A stored time readers accept, in UTC ticks.</summary>
    public static bool IsStoredTime(long utcTicks) => utcTicks >= EarliestTicks && utcTicks < LatestTicks;

    /// <summary>Why the numbers and time of an event row are out of range; null when they are all in range.</summary>
    public static string? EventReason(long tsTicks, long tokensIn, long tokensOut, long? cacheRead, long? cacheWrite, long? cacheWrite1h, long? durationMs, double? cost)
    {
        if (!IsStoredTime(tsTicks))
        {
            return TimeReason("ts", tsTicks);
        }

        if (!IsTokenCount(tokensIn))
        {
            return CountReason("tokens_in", tokensIn, EventValidator.MaxTokens);
        }

        if (!IsTokenCount(tokensOut))
        {
            return CountReason("tokens_out", tokensOut, EventValidator.MaxTokens);
        }

        if (cacheRead is long r && !IsTokenCount(r))
        {
            return CountReason("cache_read_tokens", r, EventValidator.MaxTokens);
        }

        if (cacheWrite is long w && !IsTokenCount(w))
        {
            return CountReason("cache_write_tokens", w, EventValidator.MaxTokens);
        }

        if (cacheWrite1h is long h && (!IsTokenCount(h) || h > (cacheWrite ?? 0)))
        {
            return $"cache_write_1h_tokens {h} is out of range (0 to cache_write_tokens, {cacheWrite ?? 0})";
        }

        if (durationMs is long d && !IsDurationMs(d))
        {
            return CountReason("duration_ms", d, EventValidator.MaxDurationMs);
        }

        if (cost is double c && !IsCost(c))
        {
            return CostReason("cost_usd", c, EventValidator.MaxCostUsd);
        }

        return null;
    }

    /// <summary>
    /// Why the numbers and times of a session summary row are out of range; null when they are all in range. A summary
    /// holds sums over its events, so its token counts may reach events times the largest count of one event.
    /// </summary>
    public static string? SessionReason(long closedTicks, long firstTicks, long lastTicks, long detectorVersion, long turns, long userTurns, long corrections, long events, long tokensIn, long tokensOut, double cost, long unpriced, double durationSeconds)
    {
        if (!IsStoredTime(closedTicks))
        {
            return TimeReason("ts_closed", closedTicks);
        }

        if (!IsStoredTime(firstTicks))
        {
            return TimeReason("first_ts", firstTicks);
        }

        if (!IsStoredTime(lastTicks))
        {
            return TimeReason("last_ts", lastTicks);
        }

        if (detectorVersion is < 0 or > int.MaxValue)
        {
            return $"detector_version {detectorVersion} is out of range";
        }

        if (events < 0 || turns < 0 || userTurns < 0 || corrections < 0 || unpriced < 0)
        {
            return "a count is negative";
        }

        long maxTokens = SessionTokenLimit(events);
        if ((ulong)tokensIn > (ulong)maxTokens)
        {
            return CountReason("tokens_in", tokensIn, maxTokens);
        }

        if ((ulong)tokensOut > (ulong)maxTokens)
        {
            return CountReason("tokens_out", tokensOut, maxTokens);
        }

        if (!(cost >= 0 && cost <= MaxSessionCostUsd))
        {
            return CostReason("cost_usd", cost, MaxSessionCostUsd);
        }

        if (!(durationSeconds >= 0 && durationSeconds <= MaxSessionSeconds))
        {
            return $"duration_s {durationSeconds.ToString("R", CultureInfo.InvariantCulture)} is out of range (0 to {MaxSessionSeconds.ToString(CultureInfo.InvariantCulture)})";
        }

        return null;
    }

    /// <summary>No summary holds more tokens of one kind than this, so that a summary's input plus output (and a few such sums) cannot overflow.</summary>
    public const long MaxSessionTokens = 1_000_000_000_000_000_000;

    /// <summary>The largest token count a summary of this many events can hold: events times the largest of one event, at most MaxSessionTokens.</summary>
    public static long SessionTokenLimit(long events) =>
        events <= 1 ? EventValidator.MaxTokens : events >= MaxSessionTokens / EventValidator.MaxTokens ? MaxSessionTokens : events * EventValidator.MaxTokens;

    private static string TimeReason(string field, long ticks) =>
        $"{field} {Describe(ticks)} is out of range (from {EventValidator.EarliestTimestamp:yyyy-MM-dd} to before {LatestStoredYear}-01-01)";

    private static string Describe(long ticks) =>
        ticks is >= 0 and <= 3155378975999999999 ? new DateTime(ticks, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) : "(unrepresentable)";

    private static string CountReason(string field, long value, long max) =>
        string.Create(CultureInfo.InvariantCulture, $"{field} {value} is out of range (0 to {max})");

    private static string CostReason(string field, double value, double max) =>
        $"{field} {value.ToString("R", CultureInfo.InvariantCulture)} is out of range (0 to {max.ToString(CultureInfo.InvariantCulture)})";
}
