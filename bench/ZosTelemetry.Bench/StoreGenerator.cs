// Generates realistic stores for the benchmarks: many systems and models, sessions of varied length interleaved in
// time, user turns with and without correction markers, assistant turns with tokens and list-price costs, tool calls,
// month files, and a summary row for most sessions (computed by the core from the session's own events).
// Rows are written by RowCodec, so they are byte for byte what the CLI writes. Deterministic for a given seed.
using System.Buffers;
using System.Globalization;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Bench;

public sealed class StoreGenerator
{
    private static readonly (string System, double Weight, string[] Models)[] Systems =
    [
        ("claude-code", 0.35, ["claude-sonnet-4-5", "claude-opus-4-1", "claude-haiku-4-5"]),
        ("codex", 0.30, ["gpt-5", "gpt-5-mini", "gpt-5-codex"]),
        ("aider", 0.10, ["deepseek-chat", "claude-sonnet-4-5"]),
        ("cursor-agent", 0.10, ["gpt-5", "claude-sonnet-4-5", "gemini-2.5-pro"]),
        ("gemini-cli", 0.10, ["gemini-2.5-pro", "gemini-2.5-flash"]),
        ("copilot-cli", 0.05, ["gpt-4.1", "claude-sonnet-4-5"]),
    ];

    // USD per million tokens in and out: list-price magnitudes, enough to make costs realistic.
    private static readonly Dictionary<string, (double In, double Out)> Prices = new()
    {
        ["claude-sonnet-4-5"] = (3, 15), ["claude-opus-4-1"] = (15, 75), ["claude-haiku-4-5"] = (1, 5),
        ["gpt-5"] = (1.25, 10), ["gpt-5-mini"] = (0.25, 2), ["gpt-5-codex"] = (1.25, 10), ["gpt-4.1"] = (2, 8),
        ["deepseek-chat"] = (0.27, 1.1), ["gemini-2.5-pro"] = (1.25, 10), ["gemini-2.5-flash"] = (0.3, 2.5),
    };

    private static readonly string[] CorrectionMarkers = ["corr.strong.1", "corr.strong.4", "corr.weak.2", "corr.opener.1", "corr.strong.6"];

    private readonly Random rng;
    private int sessionCounter;

    public StoreGenerator(int seed)
    {
        rng = new Random(seed);
    }

    /// <summary>
    /// Writes about <paramref name="events"/> events spread over the months ending with the one holding
    /// <paramref name="end"/>, with a summary row for the given share of sessions. Returns (events, sessions, closed).
    /// </summary>
    public (long Events, long Sessions, long Closed) Generate(string root, long events, int months, DateTimeOffset end, double closedShare, string? target, int targetEvents)
    {
        Directory.CreateDirectory(root);
        long written = 0, sessions = 0, closed = 0;
        var monthEnd = new DateTimeOffset(end.Year, end.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        for (int m = months - 1; m >= 0; m--)
        {
            var start = monthEnd.AddMonths(-m - 1);
            var stop = m == 0 ? end : monthEnd.AddMonths(-m);
            long budget = (events - written) / (m + 1);
            var monthEvents = new List<TelemetryEvent>((int)Math.Min(budget + 4096, int.MaxValue / 2));
            var summaries = new List<SessionSummary>();
            while (monthEvents.Count < budget)
            {
                var session = Session(start, stop, "g" + (++sessionCounter).ToString("D7", CultureInfo.InvariantCulture), null);
                monthEvents.AddRange(session);
                sessions++;
                if (rng.NextDouble() < closedShare)
                {
                    summaries.Add(Summarise(session));
                }
            }

            if (m == 0 && target is not null)
            {
                monthEvents.AddRange(Session(start, stop, target, targetEvents));
                sessions++;
            }

            // Interleaved as concurrent sessions would write them: in time order.
            monthEvents.Sort((a, b) => a.Timestamp.CompareTo(b.Timestamp));
            WriteRows(Path.Combine(root, SinkFiles.FileName(SinkKind.Events, start)), monthEvents, RowCodec.WriteEvent);
            summaries.Sort((a, b) => a.ClosedAt.CompareTo(b.ClosedAt));
            WriteRows(Path.Combine(root, SinkFiles.FileName(SinkKind.Sessions, start)), summaries, RowCodec.WriteSession);
            written += monthEvents.Count;
            closed += summaries.Count;
        }

        return (written, sessions, closed);
    }

    /// <summary>Writes summary rows only (no events), for the comparison at a million sessions; with twoSystems,
    /// every session belongs to claude-code or codex, so all of them are compared.</summary>
    public long GenerateSummaries(string root, long count, int months, DateTimeOffset end, bool twoSystems)
    {
        Directory.CreateDirectory(root);
        var monthEnd = new DateTimeOffset(end.Year, end.Month, 1, 0, 0, 0, TimeSpan.Zero).AddMonths(1);
        long written = 0;
        for (int m = months - 1; m >= 0; m--)
        {
            var start = monthEnd.AddMonths(-m - 1);
            var stop = m == 0 ? end : monthEnd.AddMonths(-m);
            long n = (count - written) / (m + 1);
            var rows = new List<SessionSummary>((int)n);
            for (long i = 0; i < n; i++)
            {
                rows.Add(SyntheticSummary(start, stop, twoSystems));
            }

            rows.Sort((a, b) => a.ClosedAt.CompareTo(b.ClosedAt));
            WriteRows(Path.Combine(root, SinkFiles.FileName(SinkKind.Sessions, start)), rows, RowCodec.WriteSession);
            written += n;
        }

        return written;
    }

    private List<TelemetryEvent> Session(DateTimeOffset start, DateTimeOffset stop, string id, int? exactEvents)
    {
        var (system, models) = PickSystem();
        string model = models[rng.Next(models.Length)];
        string? context = rng.Next(5) == 0 ? null : "repo-" + rng.Next(40).ToString("D2", CultureInfo.InvariantCulture);
        double span = (stop - start).TotalSeconds;
        var ts = start.AddSeconds(rng.NextDouble() * span * 0.97);
        // User turns: mostly short sessions, a long tail of long ones (mean about 25).
        int userTurns = exactEvents is null ? 1 + (int)Math.Min(400, -Math.Log(1 - rng.NextDouble()) * 27) : int.MaxValue;
        double correctionRate = system == "codex" ? 0.16 : system == "claude-code" ? 0.11 : 0.13;
        var rows = new List<TelemetryEvent>();
        for (int turn = 0; turn < userTurns && (exactEvents is null || rows.Count < exactEvents); turn++)
        {
            bool corrected = turn > 0 && rng.NextDouble() < correctionRate;
            rows.Add(Row(id, system, context, EventKinds.UserMessage, null, ts, 0, 0, null, corrected ? [CorrectionMarkers[rng.Next(CorrectionMarkers.Length)]] : []));
            ts = ts.AddSeconds(2 + rng.Next(40));
            int tools = rng.Next(4);
            for (int t = 0; t < tools && (exactEvents is null || rows.Count < exactEvents); t++)
            {
                rows.Add(Row(id, system, context, "tool_call", null, ts, 0, 0, null, []));
                ts = ts.AddSeconds(1 + rng.Next(20));
            }

            if (exactEvents is null || rows.Count < exactEvents)
            {
                long tokensIn = 500 + (long)(rng.NextDouble() * rng.NextDouble() * 40_000);
                long tokensOut = 50 + rng.Next(2_500);
                var price = Prices[model];
                double cost = Math.Round(((tokensIn * price.In) + (tokensOut * price.Out)) / 1e6, 6);
                rows.Add(Row(id, system, context, EventKinds.AssistantMessage, model, ts, tokensIn, tokensOut, cost, []));
                ts = ts.AddSeconds(5 + rng.Next(120));
            }

            if (ts > stop)
            {
                ts = stop;
            }
        }

        return rows;
    }

    private static TelemetryEvent Row(string id, string system, string? context, string kind, string? model, DateTimeOffset ts, long tokensIn, long tokensOut, double? cost, string[] markers) => new()
    {
        SessionId = id,
        System = system,
        Context = context,
        Role = kind == EventKinds.UserMessage ? "user" : kind == EventKinds.AssistantMessage ? "assistant" : null,
        Kind = kind,
        Model = model,
        Timestamp = new DateTimeOffset(ts.UtcTicks - (ts.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero),
        TokensIn = tokensIn,
        TokensOut = tokensOut,
        CostUsd = cost,
        Markers = markers,
    };

    private SessionSummary Summarise(List<TelemetryEvent> session)
    {
        var acc = new SessionAccumulator(session[0].SessionId);
        foreach (var e in session)
        {
            acc.Add(e);
        }

        return acc.ToSummary(acc.LastTimestamp.AddMinutes(1 + rng.Next(30)), 1);
    }

    private SessionSummary SyntheticSummary(DateTimeOffset start, DateTimeOffset stop, bool twoSystems)
    {
        var (system, models) = twoSystems ? Systems[rng.Next(2)] is var s ? (s.System, s.Models) : default : PickSystem();
        int userTurns = 1 + (int)Math.Min(400, -Math.Log(1 - rng.NextDouble()) * 24);
        double rate = system == "codex" ? 0.16 : system == "claude-code" ? 0.11 : 0.13;
        int corrections = 0;
        for (int i = 1; i < userTurns; i++)
        {
            corrections += rng.NextDouble() < rate ? 1 : 0;
        }

        string model = models[rng.Next(models.Length)];
        long tokensIn = userTurns * (500 + (long)(rng.NextDouble() * 20_000)), tokensOut = userTurns * (50L + rng.Next(2_500));
        var price = Prices[model];
        var first = start.AddSeconds(rng.NextDouble() * (stop - start).TotalSeconds * 0.9);
        var last = first.AddSeconds(userTurns * (30 + rng.Next(200)));
        return new SessionSummary
        {
            SessionId = "c" + (++sessionCounter).ToString("D8", CultureInfo.InvariantCulture),
            System = system,
            Context = "repo-" + rng.Next(40).ToString("D2", CultureInfo.InvariantCulture),
            Model = model,
            DetectorVersion = 1,
            Turns = userTurns * 2,
            UserTurns = userTurns,
            Corrections = corrections,
            Events = userTurns * 4,
            TokensIn = tokensIn,
            TokensOut = tokensOut,
            CostUsd = Math.Round(((tokensIn * price.In) + (tokensOut * price.Out)) / 1e6, 6),
            FirstTimestamp = first,
            LastTimestamp = last,
            DurationSeconds = (last - first).TotalSeconds,
            ClosedAt = last < stop ? last.AddSeconds(60) : stop,
        };
    }

    private (string System, string[] Models) PickSystem()
    {
        double x = rng.NextDouble();
        foreach (var s in Systems)
        {
            if ((x -= s.Weight) < 0)
            {
                return (s.System, s.Models);
            }
        }

        return (Systems[0].System, Systems[0].Models);
    }

    private static void WriteRows<T>(string path, List<T> rows, Action<IBufferWriter<byte>, T> write)
    {
        if (rows.Count == 0)
        {
            return;
        }

        using var file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 20);
        var buffer = new ArrayBufferWriter<byte>(1 << 20);
        foreach (var row in rows)
        {
            write(buffer, row);
            buffer.Write("\n"u8);
            if (buffer.WrittenCount > (1 << 20) - 4096)
            {
                file.Write(buffer.WrittenSpan);
                buffer.ResetWrittenCount();
            }
        }

        file.Write(buffer.WrittenSpan);
    }
}
