// Builds the usage reports from the store's events in one streaming pass, holding one accumulator per row and model.
// Days and months are calendar dates in the report's time zone (local by default). Since and until are inclusive
// dates in that zone, as in ccusage. A session's row counts its events inside the date range.
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Store;

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
    public static IReadOnlyList<PeriodUsage> ByPeriod(IEnumerable<TelemetryEvent> events, UsagePeriod period, UsageQuery query)
    {
        if (period == UsagePeriod.Session)
        {
            throw new ArgumentException("Use BySession for the session report.", nameof(period));
        }

        var rows = new Dictionary<(string Period, string System), Accumulator>();
        foreach (var (e, date) in InRange(events, query))
        {
            string key = period == UsagePeriod.Day
                ? date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
                : date.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
            if (!rows.TryGetValue((key, e.System), out var acc))
            {
                rows[(key, e.System)] = acc = new Accumulator();
            }

            acc.Add(e);
        }

        return rows
            .OrderBy(kv => kv.Key.Period, StringComparer.Ordinal)
            .ThenBy(kv => kv.Key.System, StringComparer.Ordinal)
            .Select(kv => kv.Value.ToPeriod(kv.Key.Period, kv.Key.System))
            .ToList();
    }

    public static IReadOnlyList<SessionUsage> BySession(IEnumerable<TelemetryEvent> events, UsageQuery query)
    {
        var rows = new Dictionary<(string Session, string System), Accumulator>();
        foreach (var (e, _) in InRange(events, query))
        {
            if (!rows.TryGetValue((e.SessionId, e.System), out var acc))
            {
                rows[(e.SessionId, e.System)] = acc = new Accumulator();
            }

            acc.Add(e);
        }

        return rows
            .Select(kv => kv.Value.ToSession(kv.Key.Session, kv.Key.System))
            .OrderBy(s => s.LastTimestamp)
            .ThenBy(s => s.SessionId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>Reads the store and builds the report in one pass.</summary>
    public static IReadOnlyList<PeriodUsage> ByPeriod(TelemetryStore store, UsagePeriod period, UsageQuery query) =>
        ByPeriod(store.ReadEvents(query.ToEventQuery()), period, query);

    public static IReadOnlyList<SessionUsage> BySession(TelemetryStore store, UsageQuery query) =>
        BySession(store.ReadEvents(query.ToEventQuery()), query);

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

    private static IEnumerable<(TelemetryEvent Event, DateOnly Date)> InRange(IEnumerable<TelemetryEvent> events, UsageQuery query)
    {
        var tz = query.TimeZone;
        foreach (var e in events)
        {
            var date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(e.Timestamp, tz).DateTime);
            if ((query.Since is DateOnly s && date < s) || (query.Until is DateOnly u && date > u))
            {
                continue;
            }

            yield return (e, date);
        }
    }

    private sealed class Accumulator
    {
        private readonly Dictionary<string, ModelAccumulator> models = new(StringComparer.Ordinal);
        private readonly HashSet<string> sessions = new(StringComparer.Ordinal);
        private long userTurns, corrections, toolCalls, toolFailures, apiErrors, interrupts;
        private DateTimeOffset first = DateTimeOffset.MaxValue, last = DateTimeOffset.MinValue;

        public void Add(TelemetryEvent e)
        {
            sessions.Add(e.SessionId);
            first = e.Timestamp < first ? e.Timestamp : first;
            last = e.Timestamp > last ? e.Timestamp : last;
            switch (e.Kind)
            {
                case EventKinds.UserMessage:
                    userTurns++;
                    corrections += e.IsCorrection ? 1 : 0;
                    break;
                case ImportedKinds.ToolResult:
                    toolCalls++;
                    toolFailures += e.Markers.Contains(ImportedMarkers.ToolError) ? 1 : 0;
                    break;
                case ImportedKinds.ApiError:
                    apiErrors++;
                    break;
                case ImportedKinds.UserInterrupt:
                    interrupts++;
                    break;
            }

            long tokens = e.TokensIn + e.TokensOut + (e.CacheReadTokens ?? 0) + (e.CacheWriteTokens ?? 0);
            if (tokens == 0 && e.CostUsd is null or 0)
            {
                return; // turns, tools and errors carry no usage: they do not make a model row
            }

            string model = e.Model ?? "(none)";
            if (!models.TryGetValue(model, out var m))
            {
                models[model] = m = new ModelAccumulator();
            }

            m.Events++;
            m.Input += e.TokensIn;
            m.Output += e.TokensOut;
            m.CacheWrite += e.CacheWriteTokens ?? 0;
            m.CacheRead += e.CacheReadTokens ?? 0;
            m.Cost += e.CostUsd ?? 0;
            m.Unpriced += e.CostUsd is null && tokens > 0 ? 1 : 0;
        }

        public PeriodUsage ToPeriod(string period, string system)
        {
            var breakdown = Breakdown(period, system);
            return new PeriodUsage
            {
                Period = period,
                System = system,
                Sessions = sessions.Count,
                InputTokens = breakdown.Sum(b => b.InputTokens),
                OutputTokens = breakdown.Sum(b => b.OutputTokens),
                CacheWriteTokens = breakdown.Sum(b => b.CacheWriteTokens),
                CacheReadTokens = breakdown.Sum(b => b.CacheReadTokens),
                CostUsd = Math.Round(breakdown.Sum(b => b.CostUsd), 10),
                UnpricedEvents = breakdown.Sum(b => b.UnpricedEvents),
                Models = breakdown.Where(b => b.Model != "(none)").Select(b => b.Model).ToList(),
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
                FirstTimestamp = first,
                LastTimestamp = last,
                UserTurns = userTurns,
                Corrections = corrections,
                ToolCalls = toolCalls,
                ToolFailures = toolFailures,
                ApiErrors = apiErrors,
                Interrupts = interrupts,
                InputTokens = breakdown.Sum(b => b.InputTokens),
                OutputTokens = breakdown.Sum(b => b.OutputTokens),
                CacheWriteTokens = breakdown.Sum(b => b.CacheWriteTokens),
                CacheReadTokens = breakdown.Sum(b => b.CacheReadTokens),
                CostUsd = Math.Round(breakdown.Sum(b => b.CostUsd), 10),
                UnpricedEvents = breakdown.Sum(b => b.UnpricedEvents),
                Models = breakdown.Where(b => b.Model != "(none)").Select(b => b.Model).ToList(),
                Breakdown = breakdown,
            };
        }

        private List<ModelUsage> Breakdown(string period, string system) => models
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
    }

    private sealed class ModelAccumulator
    {
        public long Events, Input, Output, CacheWrite, CacheRead, Unpriced;
        public double Cost;
    }
}
