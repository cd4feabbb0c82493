// The session usage report's fold over one chunk of the store's events, on row facts (no event and no string per row):
// one group per (session, system), each with its friction counts and one total per model; partials merge in chunk
// order into the report's rows. Days and months come from the daily facts (Facts/), not from this fold; the report's
// Since and Until are calendar dates in its time zone.
using System.Runtime.CompilerServices;
using ZosTelemetry.Store;

namespace ZosTelemetry.Reports;

internal sealed class UsagePartial
{
    /// <summary>The model name of events without one.</summary>
    public const string NoModel = "(none)";

    private static readonly byte[] NoModelUtf8 = System.Text.Encoding.ASCII.GetBytes(NoModel);

    // A UTC offset holds for whole 15-minute slots: since 2000 (the store's earliest timestamp) every zone's offset is
    // a multiple of 15 minutes and its transitions fall at whole local minutes of such an offset, so at slot bounds.
    private static readonly long SlotTicks = TimeSpan.FromMinutes(15).Ticks;

    private readonly TimeZoneInfo zone;
    private readonly bool zoneIsUtc;
    private readonly int since, until;

    private readonly Utf8Names systems = new();
    private readonly Utf8Names models = new();
    private readonly KeyTable sessionIndex = new();
    private readonly List<string> sessionIds = new();
    private readonly KeyTable groupIndex = new();
    private readonly List<UsageGroup> groups = new();

    private long slot = long.MinValue, slotOffsetTicks;
    private long lastKey = long.MinValue;
    private int lastSystem = -1;
    private UsageGroup? last;

    public UsagePartial(UsageQuery query)
    {
        zone = query.TimeZone;
        zoneIsUtc = zone == TimeZoneInfo.Utc || zone.Id is "UTC" or "Etc/UTC";
        since = query.Since?.DayNumber ?? int.MinValue;
        until = query.Until?.DayNumber ?? int.MaxValue;
    }

    public IReadOnlyList<UsageGroup> Groups => groups;

    public string SystemName(int index) => systems[index];

    public string ModelName(int index) => models[index];

    public string SessionId(long index) => sessionIds[(int)index];

    public void Add(in EventFacts e)
    {
        int day = LocalDay(e.UtcTicks);
        if (day < since || day > until)
        {
            return;
        }

        var group = Group(SessionOf(e.SessionId), systems.IndexOf(e.System));
        group.FirstTicks = Math.Min(group.FirstTicks, e.UtcTicks);
        group.LastTicks = Math.Max(group.LastTicks, e.UtcTicks);
        if (e.IsUserTurn)
        {
            group.UserTurns++;
            group.Corrections += e.HasCorrectionMarker ? 1 : 0;
        }
        else if (e.Kind.SequenceEqual("tool_result"u8))
        {
            group.ToolCalls++;
            group.ToolFailures += e.HasToolErrorMarker ? 1 : 0;
        }
        else if (e.Kind.SequenceEqual("api_error"u8))
        {
            group.ApiErrors++;
        }
        else if (e.Kind.SequenceEqual("user_interrupt"u8))
        {
            group.Interrupts++;
        }

        long tokens = checked(e.TokensIn + e.TokensOut + e.CacheReadTokens + e.CacheWriteTokens);
        bool hasCost = !double.IsNaN(e.CostUsd);
        if (tokens == 0 && (!hasCost || e.CostUsd == 0))
        {
            return; // turns, tools and errors carry no usage: they do not make a model row
        }

        var m = group.Model(models.IndexOf(e.Model.IsEmpty ? NoModelUtf8 : e.Model));
        m.Events++;
        m.Input = checked(m.Input + e.TokensIn);
        m.Output = checked(m.Output + e.TokensOut);
        m.CacheWrite = checked(m.CacheWrite + e.CacheWriteTokens);
        m.CacheRead = checked(m.CacheRead + e.CacheReadTokens);
        if (hasCost)
        {
            m.Cost += e.CostUsd;
        }
        else
        {
            // Tokens but no recorded cost: kept apart and priced per model when the report is built (a cost is linear in
            // the tokens, so pricing the sums is pricing each event); a model without a price leaves them unpriced.
            m.Unpriced++;
            m.UnpricedInput += e.TokensIn;
            m.UnpricedOutput += e.TokensOut;
            m.UnpricedCacheWrite += e.CacheWriteTokens;
            m.UnpricedCacheRead += e.CacheReadTokens;
        }
    }

    /// <summary>The calendar day (DateOnly day number) of a UTC instant in the report's time zone.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int LocalDay(long utcTicks)
    {
        if (!zoneIsUtc)
        {
            long s = utcTicks / SlotTicks;
            if (s != slot)
            {
                slot = s;
                slotOffsetTicks = zone.GetUtcOffset(new DateTime(utcTicks, DateTimeKind.Utc)).Ticks;
            }

            utcTicks += slotOffsetTicks;
        }

        return (int)(utcTicks / TimeSpan.TicksPerDay);
    }

    private long SessionOf(ReadOnlySpan<byte> sessionId)
    {
        ref int index = ref sessionIndex.GetOrAdd(KeyHash.Hash128(sessionId), out bool added);
        if (added)
        {
            index = sessionIds.Count;
            sessionIds.Add(System.Text.Encoding.UTF8.GetString(sessionId));
        }

        return index;
    }

    private UsageGroup Group(long key, int system)
    {
        if (last is not null && key == lastKey && system == lastSystem)
        {
            return last; // rows come in time order, and a session's rows together: most rows hit the previous group
        }

        ref int index = ref groupIndex.GetOrAdd(new UInt128((ulong)system, (ulong)key), out bool added);
        if (added)
        {
            index = groups.Count;
            groups.Add(new UsageGroup(key, system));
        }

        (lastKey, lastSystem, last) = (key, system, groups[index]);
        return last;
    }

    /// <summary>The period's label: yyyy-MM-dd for a day, yyyy-MM for a month.</summary>
    public static string PeriodLabel(UsagePeriod period, long key) => period == UsagePeriod.Day
        ? DateOnly.FromDayNumber((int)key).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
        : string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{key / 12:D4}-{(key % 12) + 1:D2}");
}

/// <summary>One row of a usage report as one chunk saw it; Key is the day number, month number or session index.</summary>
internal sealed class UsageGroup(long key, int system)
{
    public long Key { get; } = key;
    public int System { get; } = system;

    private KeySet? sessions;

    /// <summary>Distinct sessions by a 128-bit hash of the id (period reports only: made on first use, since a session
    /// report has a group per session and an empty set each was most of its memory).</summary>
    public KeySet Sessions => sessions ??= new();

    // Fields: incremented once per row on the hot path.
    public long UserTurns, Corrections, ToolCalls, ToolFailures, ApiErrors, Interrupts;
    public long FirstTicks = long.MaxValue, LastTicks = long.MinValue;

    /// <summary>Totals per model, indexed by the chunk's model number.</summary>
    public List<ModelTotals?> Models { get; } = new();

    /// <summary>Adds another group's sessions and counts (not its models, whose numbers belong to its chunk).</summary>
    public void MergeCounts(UsageGroup other)
    {
        if (other.sessions is not null)
        {
            Sessions.UnionWith(other.sessions);
        }

        FirstTicks = Math.Min(FirstTicks, other.FirstTicks);
        LastTicks = Math.Max(LastTicks, other.LastTicks);
        UserTurns += other.UserTurns;
        Corrections += other.Corrections;
        ToolCalls += other.ToolCalls;
        ToolFailures += other.ToolFailures;
        ApiErrors += other.ApiErrors;
        Interrupts += other.Interrupts;
    }

    public ModelTotals Model(int index)
    {
        while (Models.Count <= index)
        {
            Models.Add(null);
        }

        return Models[index] ??= new ModelTotals();
    }
}

internal sealed class ModelTotals
{
    public long Events, Input, Output, CacheWrite, CacheRead, Unpriced;
    public long UnpricedInput, UnpricedOutput, UnpricedCacheWrite, UnpricedCacheRead;
    public double Cost;

    /// <summary>The events a row of sums adds to a model's count: those with tokens, else those with a cost above 0.
    /// Turns, tools and errors carry no usage: a row of only those (0) does not make a model row.</summary>
    public static long Usage(bool tokens, bool recorded, long events, long positiveCost) => tokens ? events : recorded ? positiveCost : 0;

    /// <summary>Adds a row of sums of one cost class: a recorded cost is summed, tokens without one are kept apart to be priced.</summary>
    public void AddSums(bool tokens, bool recorded, long events, long positiveCost, long input, long output, long cacheWrite, long cacheRead, double cost)
    {
        Events += Usage(tokens, recorded, events, positiveCost);
        Input = checked(Input + input);
        Output = checked(Output + output);
        CacheWrite = checked(CacheWrite + cacheWrite);
        CacheRead = checked(CacheRead + cacheRead);
        if (recorded)
        {
            Cost += cost;
        }
        else
        {
            Unpriced += events;
            UnpricedInput += input;
            UnpricedOutput += output;
            UnpricedCacheWrite += cacheWrite;
            UnpricedCacheRead += cacheRead;
        }
    }

    public void Merge(ModelTotals other)
    {
        Events += other.Events;
        Input = checked(Input + other.Input);
        Output = checked(Output + other.Output);
        CacheWrite = checked(CacheWrite + other.CacheWrite);
        CacheRead = checked(CacheRead + other.CacheRead);
        Unpriced += other.Unpriced;
        UnpricedInput += other.UnpricedInput;
        UnpricedOutput += other.UnpricedOutput;
        UnpricedCacheWrite += other.UnpricedCacheWrite;
        UnpricedCacheRead += other.UnpricedCacheRead;
        Cost += other.Cost;
    }
}
