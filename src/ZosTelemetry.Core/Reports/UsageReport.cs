// Builds the usage reports: days and months from the store's daily facts (Facts/, a sidecar per month file, folded
// again from the rows when stale), sessions in one parallel scan of row facts (UsagePartial per chunk); one
// accumulator per row and model. Costs follow the one rule of CostResolver: a recorded cost wins; an event with
// tokens and no cost is priced from the query's price table when its model has a price, and only otherwise counted
// and named as unpriced. Days and months are calendar dates in the report's time zone (local by default). Since and
// until are inclusive dates in that zone, as in ccusage. A session's row counts its events inside the date range.
using ZosTelemetry.Pricing;
using ZosTelemetry.Store;
using ZosTelemetry.Store.Spill;

namespace ZosTelemetry.Reports;

public enum UsagePeriod
{
    Day,
    Month,
    Session,
}

public sealed record UsageQuery
{
    public string? System { get; init; }
    public DateOnly? Since { get; init; }
    public DateOnly? Until { get; init; }
    public TimeZoneInfo TimeZone { get; init; } = TimeZoneInfo.Local;

    /// <summary>The prices for events with tokens but no recorded cost (commands pass PriceFiles.Load's table).</summary>
    public PriceTable Prices { get; init; } = PriceTable.Default;

    /// <summary>A query as commands take it; refuses a first date after the last (the CLI and the cmdlets share this rule).</summary>
    public static UsageQuery Create(string? system, DateOnly? since, DateOnly? until, TimeZoneInfo timeZone, PriceTable prices)
    {
        if (since > until)
        {
            throw new ArgumentException($"The first date ({since:yyyy-MM-dd}) is after the last ({until:yyyy-MM-dd}); since and until are inclusive dates, since first.");
        }

        return new UsageQuery { System = system, Since = since, Until = until, TimeZone = timeZone, Prices = prices };
    }

    /// <summary>Loose UTC bounds that prune month files; the exact test is on the local date.</summary>
    internal EventQuery ToEventQuery() => new()
    {
        System = System,
        Since = Since is DateOnly s ? new DateTimeOffset(s.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(-2) : null,
        Until = Until is DateOnly u ? new DateTimeOffset(u.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(3) : null,
    };
}

public static class UsageReport
{
    /// <summary>
    /// One row per day or month (in the query's time zone) and system, from the store's daily facts: each month's
    /// stored sidecar when it still matches the month's file, else that month folded from its rows on every core.
    /// </summary>
    public static IReadOnlyList<PeriodUsage> ByPeriod(TelemetryStore store, UsagePeriod period, UsageQuery query)
    {
        if (period == UsagePeriod.Session)
        {
            throw new ArgumentException("Use BySession for the session report.", nameof(period));
        }

        return FromFacts(store.ReadDailyFacts(query.ToEventQuery()), period, query)
            .Select(kv => kv.Value.ToPeriod(kv.Key.Key, kv.Key.System))
            .OrderBy(r => r.Period, StringComparer.Ordinal)
            .ThenBy(r => r.System, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>One row per session and system (its events inside the date range), oldest last activity first.</summary>
    public static IReadOnlyList<SessionUsage> BySession(TelemetryStore store, UsageQuery query) =>
        Sorted(MergeSessions(store, query));

    /// <summary>
    /// The rows of BySession, in its order, without holding them all: up to the store's SpillThreshold sessions they
    /// are built in memory as BySession builds them; above it the sessions' partial rows go to hash partitions in
    /// scratch files, each partition is merged and sorted on its own into a run, and the runs are merged as the rows
    /// are enumerated (which can be done more than once, as the text table does for its column widths). Partials are
    /// merged in chunk order either way, so every sum is the same. Dispose deletes the scratch files.
    /// </summary>
    public static SessionUsageRows StreamBySession(TelemetryStore store, UsageQuery query)
    {
        var eventQuery = query.ToEventQuery();
        var rows = new Dictionary<(string Key, string System), Accumulator>();
        SessionUsageSpill? spill = null;
        try
        {
            foreach (var partial in store.StreamEventFacts(eventQuery, () => new UsagePartial(query), static (UsagePartial p, in EventFacts f) => p.Add(f)))
            {
                foreach (var g in partial.Groups)
                {
                    string session = partial.SessionId(g.Key), system = partial.SystemName(g.System);
                    if (spill is not null)
                    {
                        spill.Add(session, system, w => Accumulator.WriteGroup(w, g, partial));
                        continue;
                    }

                    if (!rows.TryGetValue((session, system), out var acc))
                    {
                        rows[(session, system)] = acc = new Accumulator(query.Prices);
                    }

                    acc.Add(g, partial.ModelName);
                }

                if (spill is null && rows.Count > store.SpillThreshold)
                {
                    // Estimated from the bytes to read: one session per short event row at most.
                    long bytes = SinkFiles.List(store.Root, SinkKind.Events).Where(eventQuery.MayContain).Sum(f => new FileInfo(f.Path).Length);
                    spill = new SessionUsageSpill(query.Prices, SpillPartitions.CountFor(bytes / 200, store.SpillThreshold));
                    foreach (var (id, acc) in rows)
                    {
                        spill.Add(id.Key, id.System, acc.WriteTo);
                    }

                    rows = new Dictionary<(string Key, string System), Accumulator>();
                }
            }

            if (spill is null)
            {
                return new SessionUsageRows(Sorted(rows));
            }

            spill.Finish();
            return new SessionUsageRows(spill);
        }
        catch
        {
            spill?.Dispose();
            throw;
        }
    }

    /// <summary>A merged set of session rows in the report's order: oldest last activity first, then by id.</summary>
    internal static List<SessionUsage> Sorted(Dictionary<(string Key, string System), Accumulator> rows) =>
        rows.Select(kv => kv.Value.ToSession(kv.Key.Key, kv.Key.System))
            .OrderBy(s => s.LastTimestamp)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();

    /// <summary>The sum of rows, for a report's total line.</summary>
    public static PeriodUsage Total(IEnumerable<PeriodUsage> rows, string label = "Total")
    {
        var list = rows.ToList();
        return new PeriodUsage
        {
            Period = label,
            System = string.Join(", ", list.Select(r => r.System).Distinct().Order(StringComparer.Ordinal)),
            InputTokens = list.Sum(r => r.InputTokens),
            OutputTokens = list.Sum(r => r.OutputTokens),
            CacheWriteTokens = list.Sum(r => r.CacheWriteTokens),
            CacheReadTokens = list.Sum(r => r.CacheReadTokens),
            CostUsd = Math.Round(list.Sum(r => r.CostUsd), 10),
            UnpricedEvents = list.Sum(r => r.UnpricedEvents),
            Models = list.SelectMany(r => r.Models).Distinct().Order(StringComparer.Ordinal).ToList(),
        };
    }

    /// <summary>The models with tokens but no price across rows, for a warning that names them.</summary>
    public static IReadOnlyList<string> UnpricedModels(IEnumerable<IReadOnlyList<ModelUsage>> breakdowns) =>
        breakdowns.SelectMany(b => b).Where(m => m.UnpricedEvents > 0).Select(m => m.Model).Distinct().Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// The rows of ByPeriod from a team database: the events' sums per period, system, model and cost class and the
    /// distinct sessions per period are summed and counted in SQL, in periods whose UTC bounds come from the query's
    /// zone here (TeamPeriods); then folded by the one rule the daily facts' rows are (ModelTotals.AddSums, the
    /// Accumulator's pricing of tokens without a recorded cost and its rounding), so the rows are the local report's.
    /// </summary>
    public static IReadOnlyList<PeriodUsage> ByPeriod(Sync.ITeamDatabase database, UsagePeriod period, UsageQuery query)
    {
        if (period == UsagePeriod.Session)
        {
            throw new ArgumentException("Use BySession for the session report.", nameof(period));
        }

        var loose = query.ToEventQuery();
        if (database.EventSpan(query.System, loose.Since, loose.Until) is not var (first, last))
        {
            return [];
        }

        var periods = Sync.TeamPeriods.For(query, period, first, last);
        var rows = new Dictionary<(string Key, string System), Accumulator>();
        Accumulator Row(int key, string system)
        {
            var id = (UsagePartial.PeriodLabel(period, key), system);
            if (!rows.TryGetValue(id, out var acc))
            {
                rows[id] = acc = new Accumulator(query.Prices);
            }

            return acc;
        }

        foreach (var s in database.CountSessions(periods))
        {
            Row(s.Period, s.System).SessionCount = s.Sessions;
        }

        foreach (var r in database.SumUsage(periods))
        {
            if (ModelTotals.Usage(r.Tokens, r.RecordedCost, r.Events, r.PositiveCost) > 0)
            {
                Row(r.Period, r.System).Model(r.Model ?? UsagePartial.NoModel)
                    .AddSums(r.Tokens, r.RecordedCost, r.Events, r.PositiveCost, r.TokensIn, r.TokensOut, r.CacheWrite, r.CacheRead, r.Cost);
            }
        }

        return rows.Select(kv => kv.Value.ToPeriod(kv.Key.Key, kv.Key.System))
            .OrderBy(r => r.Period, StringComparer.Ordinal)
            .ThenBy(r => r.System, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// The rows of StreamBySession from a team database: each session's counts and its sums per model and cost class are
    /// counted and summed in SQL over the events of the report's days (their UTC bounds from the query's zone, as
    /// ByPeriod's), then folded by the Accumulator's one rule, in the report's order.
    /// </summary>
    public static SessionUsageRows StreamBySession(Sync.ITeamDatabase database, UsageQuery query)
    {
        ArgumentNullException.ThrowIfNull(database);
        var loose = query.ToEventQuery();
        if (database.EventSpan(query.System, loose.Since, loose.Until) is not var (first, last))
        {
            return new SessionUsageRows([]);
        }

        var rows = new List<SessionUsage>();
        Accumulator? acc = null;
        string session = "", system = "";
        foreach (var r in database.SumSessionUsage(Sync.TeamPeriods.For(query, UsagePeriod.Day, first, last)))
        {
            if (acc is null || r.SessionId != session || r.System != system)
            {
                if (acc is not null)
                {
                    rows.Add(acc.ToSession(session, system));
                }

                (session, system, acc) = (r.SessionId, r.System, new Accumulator(query.Prices));
                acc.Add(new UsageGroup(0, 0)
                {
                    FirstTicks = r.First.UtcTicks, LastTicks = r.Last.UtcTicks, UserTurns = r.UserTurns, Corrections = r.Corrections,
                    ToolCalls = r.ToolCalls, ToolFailures = r.ToolFailures, ApiErrors = r.ApiErrors, Interrupts = r.Interrupts,
                }, _ => UsagePartial.NoModel);
            }

            if (r.Usage is { } u && ModelTotals.Usage(u.Tokens, u.RecordedCost, u.Events, u.PositiveCost) > 0)
            {
                acc.Model(u.Model ?? UsagePartial.NoModel)
                    .AddSums(u.Tokens, u.RecordedCost, u.Events, u.PositiveCost, u.TokensIn, u.TokensOut, u.CacheWrite, u.CacheRead, u.Cost);
            }
        }

        if (acc is not null)
        {
            rows.Add(acc.ToSession(session, system));
        }

        // The server's order already; sorted again by .NET's ordinal rule, which the "C" collation's bytes match but for
        // characters past U+FFFF.
        return new SessionUsageRows(rows.OrderBy(s => s.LastTimestamp).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList());
    }

    // The chunks' groups merged in chunk order (so sums do not depend on scheduling), keyed by session id and system.
    private static Dictionary<(string Key, string System), Accumulator> MergeSessions(TelemetryStore store, UsageQuery query)
    {
        var partials = store.ScanEventFacts(query.ToEventQuery(), () => new UsagePartial(query), static (UsagePartial p, in EventFacts f) => p.Add(f));
        var rows = new Dictionary<(string Key, string System), Accumulator>();
        foreach (var partial in partials)
        {
            foreach (var g in partial.Groups)
            {
                var id = (partial.SessionId(g.Key), partial.SystemName(g.System));
                if (!rows.TryGetValue(id, out var acc))
                {
                    rows[id] = acc = new Accumulator(query.Prices);
                }

                acc.Add(g, partial.ModelName);
            }
        }

        return rows;
    }

    // The period reports on the daily facts: each row of a slot in the date range adds to its (period, system) group
    // as UsagePartial adds an event (a model total for events with tokens or a non-zero recorded cost; tokens without
    // a recorded cost kept apart to be priced per model), and each session adds its hash to the groups of the days it
    // was active in. Tables, rows and sessions are walked in stored order, so the sums do not depend on where the
    // facts came from.
    private static Dictionary<(string Key, string System), Accumulator> FromFacts(Facts.DailyFacts facts, UsagePeriod period, UsageQuery query)
    {
        int since = query.Since?.DayNumber ?? int.MinValue, until = query.Until?.DayNumber ?? int.MaxValue;
        var rows = new Dictionary<(string Key, string System), Accumulator>();
        foreach (var table in facts.Tables)
        {
            int only = query.System is null ? -1 : table.Systems.IndexOf(query.System);
            if (query.System is not null && only < 0)
            {
                continue;
            }

            var days = new Facts.SlotDays(query.TimeZone);
            var groups = new Dictionary<(long Key, int System), UsageGroup>();
            UsageGroup Group(int day, int system)
            {
                long key = period == UsagePeriod.Day ? day : (DateOnly.FromDayNumber(day).Year * 12L) + DateOnly.FromDayNumber(day).Month - 1;
                if (!groups.TryGetValue((key, system), out var g))
                {
                    groups[(key, system)] = g = new UsageGroup(key, system);
                }

                return g;
            }

            foreach (var r in table.Rows)
            {
                int day = days.DayOf(r.Key.Slot);
                if ((only >= 0 && r.Key.System != only) || day < since || day > until)
                {
                    continue;
                }

                var g = Group(day, r.Key.System);
                bool tokens = r.Key.Class.HasFlag(Facts.FactClass.Tokens), recorded = r.Key.Class.HasFlag(Facts.FactClass.RecordedCost);
                if (ModelTotals.Usage(tokens, recorded, r.Events, r.PositiveCost) > 0)
                {
                    g.Model(r.Key.Model + 1).AddSums(tokens, recorded, r.Events, r.PositiveCost, r.TokensIn, r.TokensOut, r.CacheWrite, r.CacheRead, r.Cost); // 0: no model
                }
            }

            foreach (var s in table.Sessions)
            {
                if (only >= 0 && s.System != only)
                {
                    continue;
                }

                int previous = int.MinValue;
                foreach (var (start, length) in s.Runs)
                {
                    for (long slot = start; slot < start + length; slot++)
                    {
                        int day = days.DayOf(slot);
                        if (day != previous && day >= since && day <= until)
                        {
                            Group(day, s.System).Sessions.Add(s.Hash);
                        }

                        previous = day;
                    }
                }
            }

            foreach (var g in groups.Values.OrderBy(g => g.Key).ThenBy(g => g.System))
            {
                var id = (UsagePartial.PeriodLabel(period, g.Key), table.Systems[g.System]);
                if (!rows.TryGetValue(id, out var acc))
                {
                    rows[id] = acc = new Accumulator(query.Prices);
                }

                acc.Add(g, i => i == 0 ? UsagePartial.NoModel : table.Models[i - 1]);
            }
        }

        return rows;
    }

    internal sealed class Accumulator(PriceTable prices)
    {
        private readonly Dictionary<string, ModelTotals> models = new(StringComparer.Ordinal);
        private readonly UsageGroup totals = new(0, 0); // sessions and friction counts; models by name below

        /// <summary>Distinct sessions as a team database counted them (it keeps no hashes); null: totals.Sessions.</summary>
        public long? SessionCount { get; set; }

        /// <summary>The totals of one model, made on first use.</summary>
        public ModelTotals Model(string model)
        {
            if (!models.TryGetValue(model, out var into))
            {
                models[model] = into = new ModelTotals();
            }

            return into;
        }

        /// <summary>A chunk's group as a spilled record: what ReadFrom merges exactly as Add would have.</summary>
        public static void WriteGroup(BinaryWriter w, UsageGroup g, UsagePartial partial)
        {
            WriteCounts(w, g);
            w.Write(g.Models.Count(m => m is not null));
            for (int i = 0; i < g.Models.Count; i++)
            {
                if (g.Models[i] is ModelTotals m)
                {
                    w.Write(partial.ModelName(i));
                    WriteTotals(w, m);
                }
            }
        }

        /// <summary>This accumulator as a spilled record (its models in the order they were first added).</summary>
        public void WriteTo(BinaryWriter w)
        {
            WriteCounts(w, totals);
            w.Write(models.Count);
            foreach (var (name, m) in models)
            {
                w.Write(name);
                WriteTotals(w, m);
            }
        }

        /// <summary>Merges a record written by WriteGroup or WriteTo, as Add merges a group.</summary>
        public void ReadFrom(BinaryReader r)
        {
            var g = new UsageGroup(0, 0)
            {
                UserTurns = r.ReadInt64(), Corrections = r.ReadInt64(), ToolCalls = r.ReadInt64(), ToolFailures = r.ReadInt64(),
                ApiErrors = r.ReadInt64(), Interrupts = r.ReadInt64(), FirstTicks = r.ReadInt64(), LastTicks = r.ReadInt64(),
            };
            totals.MergeCounts(g);
            for (int n = r.ReadInt32(); n > 0; n--)
            {
                string model = r.ReadString();
                var m = new ModelTotals
                {
                    Events = r.ReadInt64(), Input = r.ReadInt64(), Output = r.ReadInt64(), CacheWrite = r.ReadInt64(), CacheRead = r.ReadInt64(),
                    Unpriced = r.ReadInt64(), UnpricedInput = r.ReadInt64(), UnpricedOutput = r.ReadInt64(), UnpricedCacheWrite = r.ReadInt64(),
                    UnpricedCacheRead = r.ReadInt64(), Cost = r.ReadDouble(),
                };
                if (!models.TryGetValue(model, out var into))
                {
                    models[model] = into = new ModelTotals();
                }

                into.Merge(m);
            }
        }

        private static void WriteCounts(BinaryWriter w, UsageGroup g)
        {
            w.Write(g.UserTurns);
            w.Write(g.Corrections);
            w.Write(g.ToolCalls);
            w.Write(g.ToolFailures);
            w.Write(g.ApiErrors);
            w.Write(g.Interrupts);
            w.Write(g.FirstTicks);
            w.Write(g.LastTicks);
        }

        private static void WriteTotals(BinaryWriter w, ModelTotals m)
        {
            w.Write(m.Events);
            w.Write(m.Input);
            w.Write(m.Output);
            w.Write(m.CacheWrite);
            w.Write(m.CacheRead);
            w.Write(m.Unpriced);
            w.Write(m.UnpricedInput);
            w.Write(m.UnpricedOutput);
            w.Write(m.UnpricedCacheWrite);
            w.Write(m.UnpricedCacheRead);
            w.Write(m.Cost);
        }

        public void Add(UsageGroup g, Func<int, string> modelName)
        {
            totals.MergeCounts(g);
            for (int i = 0; i < g.Models.Count; i++)
            {
                if (g.Models[i] is ModelTotals totals)
                {
                    string model = modelName(i);
                    if (!models.TryGetValue(model, out var into))
                    {
                        models[model] = into = new ModelTotals();
                    }

                    into.Merge(totals);
                }
            }
        }

        public PeriodUsage ToPeriod(string period, string system)
        {
            var breakdown = Breakdown(period, system);
            return new PeriodUsage
            {
                Period = period,
                System = system,
                Sessions = SessionCount ?? totals.Sessions.Count,
                InputTokens = breakdown.Sum(b => b.InputTokens),
                OutputTokens = breakdown.Sum(b => b.OutputTokens),
                CacheWriteTokens = breakdown.Sum(b => b.CacheWriteTokens),
                CacheReadTokens = breakdown.Sum(b => b.CacheReadTokens),
                CostUsd = Math.Round(breakdown.Sum(b => b.CostUsd), 10),
                UnpricedEvents = breakdown.Sum(b => b.UnpricedEvents),
                Models = breakdown.Where(b => b.Model != UsagePartial.NoModel).Select(b => b.Model).ToList(),
                Breakdown = breakdown,
            };
        }

        public SessionUsage ToSession(string session, string system)
        {
            var breakdown = Breakdown(session, system);
            return new SessionUsage
            {
                SessionId = session,
                System = system,
                FirstTimestamp = new DateTimeOffset(totals.FirstTicks, TimeSpan.Zero),
                LastTimestamp = new DateTimeOffset(totals.LastTicks, TimeSpan.Zero),
                UserTurns = totals.UserTurns,
                Corrections = totals.Corrections,
                ToolCalls = totals.ToolCalls,
                ToolFailures = totals.ToolFailures,
                ApiErrors = totals.ApiErrors,
                Interrupts = totals.Interrupts,
                InputTokens = breakdown.Sum(b => b.InputTokens),
                OutputTokens = breakdown.Sum(b => b.OutputTokens),
                CacheWriteTokens = breakdown.Sum(b => b.CacheWriteTokens),
                CacheReadTokens = breakdown.Sum(b => b.CacheReadTokens),
                CostUsd = Math.Round(breakdown.Sum(b => b.CostUsd), 10),
                UnpricedEvents = breakdown.Sum(b => b.UnpricedEvents),
                Models = breakdown.Where(b => b.Model != UsagePartial.NoModel).Select(b => b.Model).ToList(),
                Breakdown = breakdown,
            };
        }

        private List<ModelUsage> Breakdown(string period, string system) => models
            .Select(kv => KeyValuePair.Create(kv.Key, Priced(kv.Key, kv.Value)))
            .OrderByDescending(kv => kv.Value.Cost)
            .ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new ModelUsage
            {
                Period = period,
                System = system,
                Model = kv.Key,
                Events = kv.Value.Events,
                InputTokens = kv.Value.Input,
                OutputTokens = kv.Value.Output,
                CacheWriteTokens = kv.Value.CacheWrite,
                CacheReadTokens = kv.Value.CacheRead,
                CostUsd = Math.Round(kv.Value.Cost, 10),
                UnpricedEvents = kv.Value.Unpriced,
            })
            .ToList();

        /// <summary>The model's totals with its unpriced tokens priced, when the table has a price for it.</summary>
        private ModelTotals Priced(string model, ModelTotals t)
        {
            if (t.Unpriced == 0 || model == UsagePartial.NoModel || !prices.TryResolve(model, out var price))
            {
                return t;
            }

            var priced = new ModelTotals();
            priced.Merge(t);
            priced.Cost += CostCalculator.Cost(t.UnpricedInput, t.UnpricedOutput, t.UnpricedCacheRead, t.UnpricedCacheWrite, price);
            priced.Unpriced = 0;
            return priced;
        }
    }
}
