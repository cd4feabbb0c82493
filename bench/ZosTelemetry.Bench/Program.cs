// zos-bench: the benchmark driver. `generate` and `summaries` make stores; `append-rate`, `first-session` and
// `compare-core` and `html-report` measure the core API in-process (start-up excluded) for bench/run.sh; `snapshots-last`
// times `snapshots --last N` against the size of the store (1k to 1M snapshots); `micro` runs the
// BenchmarkDotNet micro-benchmarks (pass BenchmarkDotNet's own arguments after it, e.g. --filter '*Row*').
using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Running;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Bench;

public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine("usage: zos-bench generate|summaries|append-rate|first-session|compare-core|html-report|snapshots-last|micro [options]");
            return 2;
        }

        var o = Options(args.AsSpan(1).ToArray());
        switch (args[0])
        {
            case "generate":
            {
                var g = new StoreGenerator(Int(o, "seed", 6));
                var clock = Stopwatch.StartNew();
                var (events, sessions, closed) = g.Generate(o["root"], Long(o, "events", 1_000_000), Int(o, "months", 1), End(o), Double(o, "closed-share", 0.9), o.GetValueOrDefault("target"), Int(o, "target-events", 200));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {events} events of {sessions} sessions ({closed} closed) in {clock.Elapsed.TotalSeconds:0.0} s"));
                return 0;
            }

            case "summaries":
            {
                var clock = Stopwatch.StartNew();
                long n = new StoreGenerator(Int(o, "seed", 7)).GenerateSummaries(o["root"], Long(o, "count", 1_000_000), Int(o, "months", 3), End(o), o.GetValueOrDefault("systems") == "two");
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"generated {n} session summaries in {clock.Elapsed.TotalSeconds:0.0} s"));
                return 0;
            }

            case "append-rate":
                return AppendRate(o["root"], Int(o, "events", 1_000_000), Int(o, "batch", 10_000));
            case "first-session":
                return FirstSession(o["root"]);
            case "first-calls":
                return FirstCalls(o["root"]);
            case "chunk-probe":
                return ChunkProbe(o["root"]);
            case "scan-probe":
                return ScanProbe(o["root"]);
            case "daily-core":
                return DailyCore(o["root"]);
            case "snapshots-last":
                return SnapshotsLastBench.Run(
                    o.GetValueOrDefault("work") ?? Path.Combine(Path.GetTempPath(), "zos-bench-snapshots"),
                    (o.GetValueOrDefault("sizes") ?? "1000,10000,100000,1000000").Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToList(),
                    Int(o, "last", 10),
                    Int(o, "runs", 7));
            case "compare-core":
                return CompareCore(o["root"], o["a"], o["b"]);
            case "detect-rate":
                return DetectRate(Int(o, "version", 2), Int(o, "max-chars", 80), Double(o, "seconds", 3));
            case "html-report":
                return HtmlReportCore(o["root"]);
            case "micro":
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.AsSpan(1).ToArray());
                return 0;
            default:
                Console.Error.WriteLine($"unknown command {args[0]}");
                return 2;
        }
    }

    /// <summary>
    /// Messages per second through CorrectionDetector.Detect on one thread: the labelled messages of tests/data/detector
    /// up to max-chars long (the short turns people type), looped for about the given seconds after a warm-up. Both
    /// wall-clock and this process's CPU time are reported: on a shared machine the CPU figure is the one-core rate.
    /// </summary>
    private static int DetectRate(int version, int maxChars, double seconds)
    {
        string dir = Path.Combine(DetectorBenchmarks.FindRepo(), "tests", "data", "detector");
        var messages = Directory.GetFiles(dir, "*.jsonl").SelectMany(File.ReadAllLines)
            .Where(l => l.Contains("\"text\"", StringComparison.Ordinal))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .Where(t => t.Length <= maxChars)
            .ToArray();
        int fired = 0;
        for (int i = 0; i < 20; i++)
        {
            foreach (string m in messages)
            {
                fired += Detection.CorrectionDetector.IsCorrection(m, version) ? 1 : 0;
            }
        }

        long before = GC.GetAllocatedBytesForCurrentThread();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        long done = 0;
        while (clock.Elapsed.TotalSeconds < seconds)
        {
            foreach (string m in messages)
            {
                fired += Detection.CorrectionDetector.IsCorrection(m, version) ? 1 : 0;
            }

            done += messages.Length;
        }

        double wall = clock.Elapsed.TotalSeconds, cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        double allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / (double)done;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"detector v{version}: {messages.Length} messages of at most {maxChars} characters (mean {messages.Average(m => m.Length):0.0}), {done} detections: {done / cpuSeconds:0} messages per CPU-second, {done / wall:0} per wall-second, {allocated:0} bytes allocated per message ({fired % 2})"));
        return 0;
    }

    /// <summary>Events per second through TelemetryStore.Append (validation, lock, one positioned write per batch).</summary>
    private static int AppendRate(string root, int total, int batch)
    {
        var now = DateTimeOffset.UtcNow;
        var events = Enumerable.Range(0, batch).Select(i => new TelemetryEvent
        {
            Timestamp = now.AddSeconds(-i),
            SessionId = "rate-" + (i % 97).ToString(CultureInfo.InvariantCulture),
            System = "claude-code",
            Kind = i % 2 == 0 ? EventKinds.UserMessage : EventKinds.AssistantMessage,
            Model = "claude-sonnet-4-5",
            Context = "repo-01",
            TokensIn = 1200 + i,
            TokensOut = 300,
            CostUsd = 0.0081,
            Markers = i % 7 == 0 ? ["corr.strong.1"] : [],
        }).ToList();
        var store = new TelemetryStore(root);
        store.Append(events); // warm-up: JIT, file creation
        var rates = new List<double>();
        for (int run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            for (int written = 0; written < total; written += batch)
            {
                store.Append(events);
            }

            rates.Add(total / clock.Elapsed.TotalSeconds);
        }

        rates.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"append-rate events/s median {rates[2]:0} (runs {string.Join(", ", rates.Select(r => r.ToString("0", CultureInfo.InvariantCulture)))}; batch {batch})"));
        return 0;
    }

    /// <summary>Through the API Get-TelemetrySession calls: time to the first session and to the last.</summary>
    private static int FirstSession(string root)
    {
        var store = new TelemetryStore(root);
        _ = store.StreamSessions().Take(1).Count(); // warm-up
        var firsts = new List<double>();
        var alls = new List<double>();
        long count = 0;
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            using var e = store.StreamSessions().GetEnumerator();
            e.MoveNext();
            firsts.Add(clock.Elapsed.TotalMilliseconds);
            count = 1;
            while (e.MoveNext())
            {
                count++;
            }

            alls.Add(clock.Elapsed.TotalMilliseconds);
        }

        firsts.Sort();
        alls.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"first-session ms median {firsts[1]:0.0} all-sessions ms median {alls[1]:0.0} sessions {count}"));
        return 0;
    }

    /// <summary>
    /// What a single append spends on first calls (type initialisation, assembly loading, JIT), step by step, in a
    /// fresh process: where `zos-telemetry append` loses time against a hello world.
    /// </summary>
    private static int FirstCalls(string root)
    {
        var clock = Stopwatch.StartNew();
        var steps = new List<string>();
        void Step(string name, Action action)
        {
            var start = clock.Elapsed.TotalMilliseconds;
            action();
            steps.Add(string.Create(CultureInfo.InvariantCulture, $"{name,-52} {clock.Elapsed.TotalMilliseconds - start,7:0.0} ms"));
        }

        TelemetryEvent? e = null;
        Step("build the event (TelemetryEvent)", () => e = new TelemetryEvent { Timestamp = DateTimeOffset.UtcNow, SessionId = "s1", System = "claude-code", Kind = "assistant_message", Model = "claude-sonnet-4-5", TokensIn = 1200, TokensOut = 300, CostUsd = 0.0081 });
        Step("EventValidator.Validate (first call)", () => e = EventValidator.Validate(e!, DateTimeOffset.UtcNow));
        Step("Iso8601.Format (first call)", () => Iso8601.Format(e!.Timestamp));
        Step("RowCodec.WriteEvent (first call: System.Text.Json)", () => RowCodec.WriteEvent(new System.Buffers.ArrayBufferWriter<byte>(), e!));
        Step("RowCodec.WriteEvent (second call)", () => RowCodec.WriteEvent(new System.Buffers.ArrayBufferWriter<byte>(), e!));
        Step("TelemetryStore.Append (first call: lock, file)", () => new TelemetryStore(root).Append(e!));
        Step("TelemetryStore.Append (second call)", () => new TelemetryStore(root).Append(e!));
        steps.ForEach(Console.WriteLine);
        return 0;
    }

    /// <summary>Which thread read which chunk of the events files, when: shows whether both cores are used.</summary>
    private static int ChunkProbe(string root)
    {
        var chunks = ParallelScan.Split(SinkFiles.List(root, SinkKind.Events).Select(f => f.Path).ToList());
        var clock = Stopwatch.StartNew();
        var spans = ParallelScan.Map(chunks, chunk =>
        {
            double start = clock.Elapsed.TotalMilliseconds;
            long rows = 0;
            ParallelScan.ReadLines(chunk, (line, _) =>
            {
                rows += EventRowReader.TryReadPlain(line, out var f) ? 1 : 0;
                return null;
            });
            return (Environment.CurrentManagedThreadId, start, clock.Elapsed.TotalMilliseconds, rows);
        });
        foreach (var (thread, start, end, rows) in spans)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"thread {thread,3} {start,8:0} -> {end,8:0} ms rows {rows}"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chunks {chunks.Count} wall {clock.Elapsed.TotalMilliseconds:0} ms"));
        return 0;
    }

    /// <summary>Single-threaded cost per row of each stage of the daily scan, over one events file held in memory.</summary>
    private static int ScanProbe(string root)
    {
        var events = SinkFiles.List(root, SinkKind.Events);
        bool sessions = events.Count == 0;
        byte[] data = File.ReadAllBytes((sessions ? SinkFiles.List(root, SinkKind.Sessions) : events)[^1].Path);
        var lines = new List<(int Start, int Length)>();
        for (int i = 0; i < data.Length;)
        {
            int nl = data.AsSpan(i).IndexOf((byte)'\n');
            int len = nl < 0 ? data.Length - i : nl;
            lines.Add((i, len));
            i += len + 1;
        }

        void Stage(string name, Func<ReadOnlySpan<byte>, long> work)
        {
            long sink = 0;
            var best = double.MaxValue;
            for (int run = 0; run < 5; run++)
            {
                var clock = Stopwatch.StartNew();
                foreach (var (start, length) in lines)
                {
                    sink += work(data.AsSpan(start, length));
                }

                best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-40} {best * 1e6 / lines.Count,8:0} ns/row {data.Length / best / 1e3,8:0} MB/s ({sink})"));
        }

        Stage("ascii check", l => System.Text.Ascii.IsValid(l) ? 1 : 0);
        if (sessions)
        {
            Stage("session rows: fast path taken", l => SessionRowReader.TryReadPlain(l, out _) ? 1 : 0);
            Stage("session rows: facts (fast or complete)", l => SessionRowReader.TryRead(l, out var f, out _) ? f.Turns : 0);
            Stage("session rows: facts + 128-bit id hash", l => SessionRowReader.TryRead(l, out var f, out _) ? (long)(ulong)KeyHash.Hash128(f.SessionId) : 0);
            Stage("RowCodec.TryParseSession", l => RowCodec.TryParseSession(l, out _, out _) ? 1 : 0);
            return 0;
        }

        Stage("scanner: facts", l => EventRowReader.TryReadPlain(l, out var f) ? f.TokensIn : 0);
        Stage("scanner: facts + 128-bit id hash", l => EventRowReader.TryReadPlain(l, out var f) ? (long)(ulong)KeyHash.Hash128(f.SessionId) : 0);
        var partial = new ZosTelemetry.Sessions.DailyRollupPartial();
        Stage("scanner: facts + fold", l =>
        {
            if (EventRowReader.TryReadPlain(l, out var f))
            {
                partial.Add(f);
            }

            return 1;
        });
        Stage("RowCodec.TryParseEvent", l => RowCodec.TryParseEvent(l, out _, out _) ? 1 : 0);
        return 0;
    }

    /// <summary>The daily report in-process, and how many event rows took the fast path.</summary>
    private static int DailyCore(string root)
    {
        long rows = 0, plain = 0;
        foreach (var file in SinkFiles.List(root, SinkKind.Events))
        {
            using var reader = new JsonlReader(file.Path);
            while (reader.TryReadLine(out var line))
            {
                rows++;
                plain += EventRowReader.TryReadPlain(line, out _) ? 1 : 0;
            }
        }

        var store = new TelemetryStore(root);
        var times = new List<double>();
        int days = 0;
        for (int run = 0; run < 3; run++)
        {
            var clock = Stopwatch.StartNew();
            days = store.ReadDailySummaries().Count;
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"daily-core ms median {times[1]:0} rows {rows} fast-path {plain} groups {days} workers {Environment.ProcessorCount}"));
        return 0;
    }

    /// <summary>The comparison in-process: wall and CPU time of reading the sessions, and of the statistics.</summary>
    private static int CompareCore(string root, string a, string b)
    {
        var store = new TelemetryStore(root);
        var process = Process.GetCurrentProcess();
        var lines = new List<string>();
        ComparisonReport? report = null;
        for (int run = 0; run < 3; run++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var sessions = store.ReadLatestSessionsOf(a, b, 2 * ZosTelemetry.Statistics.DifferenceInterval.DefaultBootstrapLimit).ToList();
            double read = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            var cpu1 = process.TotalProcessorTime;
            report = SystemComparer.Compare(sessions, a, b);
            double total = clock.Elapsed.TotalMilliseconds;
            process.Refresh();
            var cpu2 = process.TotalProcessorTime;
            lines.Add(string.Create(CultureInfo.InvariantCulture, $"run {run}: read {read:0} ms (cpu {(cpu1 - cpu0).TotalMilliseconds:0}), statistics {total - read:0} ms (cpu {(cpu2 - cpu1).TotalMilliseconds:0})"));
        }

        lines.ForEach(Console.WriteLine);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"compare-core sessions {report!.A.Sessions}+{report.B.Sessions} methods {string.Join(",", report.IntervalMethods)}"));
        return 0;
    }

    /// <summary>
    /// The HTML report in-process (start-up excluded): reading the daily facts, the whole page, then each section alone,
    /// so that the figure says where the time goes. The CLI's wall time is measured by bench/run-html-report.sh.
    /// </summary>
    private static int HtmlReportCore(string root)
    {
        var store = new TelemetryStore(root);
        var process = Process.GetCurrentProcess();
        string Time(string name, IReadOnlyList<ZosTelemetry.Reports.Html.IHtmlReportSection> sections)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            long allocated = GC.GetTotalAllocatedBytes(true);
            var clock = Stopwatch.StartNew();
            var r = ZosTelemetry.Reports.Html.HtmlReport.Render(store, null, sections);
            process.Refresh();
            return string.Create(CultureInfo.InvariantCulture, $"{name}: {clock.Elapsed.TotalMilliseconds:0} ms (cpu {(process.TotalProcessorTime - cpu0).TotalMilliseconds:0}, {(GC.GetTotalAllocatedBytes(true) - allocated) / 1e6:0.0} MB allocated), {r.Bytes} bytes, {r.Sessions} sessions, {r.Charts.Count} charts");
        }

        process.Refresh();
        var factsCpu = process.TotalProcessorTime;
        var factsClock = Stopwatch.StartNew();
        var facts = store.ReadDailyFacts(new EventQuery());
        process.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"daily facts of every month (sidecars as found): {factsClock.Elapsed.TotalMilliseconds:0} ms (cpu {(process.TotalProcessorTime - factsCpu).TotalMilliseconds:0}), {facts.Tables.Sum(t => t.Rows.Count)} rows, {facts.Tables.Sum(t => t.Sessions.Count)} session entries"));
        // The reads and computations under the sections, each alone, in the order the page runs them.
        string Part(string name, Func<object?> run)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            long allocated = GC.GetTotalAllocatedBytes(true);
            var clock = Stopwatch.StartNew();
            run();
            process.Refresh();
            return string.Create(CultureInfo.InvariantCulture, $"  part {name}: {clock.Elapsed.TotalMilliseconds:0} ms (cpu {(process.TotalProcessorTime - cpu0).TotalMilliseconds:0}, {(GC.GetTotalAllocatedBytes(true) - allocated) / 1e6:0.0} MB allocated)");
        }

        Console.WriteLine(Part("daily facts again (compiled)", () => store.ReadDailyFacts(new EventQuery())));
        IReadOnlyList<ZosTelemetry.Sessions.SessionSummary> latest = [];
        Console.WriteLine(Part("latest summaries (ReadSessions)", () => latest = store.ReadSessions()));
        Console.WriteLine(Part("latest summaries again", () => latest = store.ReadSessions()));
        IReadOnlyList<ZosTelemetry.Sessions.SessionSummary>? stored = null;
        Console.WriteLine(Part("latest summaries from the sidecar", () => stored = ZosTelemetry.Facts.SessionSummarySidecar.Load(store)));
        Console.WriteLine(Part("latest summaries from the sidecar again", () => stored = ZosTelemetry.Facts.SessionSummarySidecar.Load(store)));
        Console.WriteLine(Part("sidecar file read alone", () => File.ReadAllBytes(ZosTelemetry.Facts.SessionSummarySidecar.PathOf(root))));
        Console.WriteLine(Part("sidecar decoded alone", () => ZosTelemetry.Facts.SessionSummarySidecar.TryRead(ZosTelemetry.Facts.SessionSummarySidecar.PathOf(root))));
        Console.WriteLine(Part("sorted by first activity and id (OrderBy.ThenBy)", () => stored!.OrderBy(s => s.FirstTimestamp).ThenBy(s => s.SessionId, StringComparer.Ordinal).ToList()));
        Console.WriteLine(Part("sorted by first activity and id (List.Sort, as the page)", () =>
        {
            var sorted = new List<ZosTelemetry.Sessions.SessionSummary>(stored!);
            sorted.Sort(static (a, b) => a.FirstTimestamp.CompareTo(b.FirstTimestamp) is var c && c != 0 ? c : string.CompareOrdinal(a.SessionId, b.SessionId));
            return sorted;
        }));
        var two = latest.GroupBy(s => s.System).OrderByDescending(g => g.Count()).Take(2).Select(g => g.Key).ToList();
        Console.WriteLine(Part("compare (own read + statistics)", () => SystemComparer.Compare(store, two[0], two[1], new ComparisonOptions { Distributions = true })));
        Console.WriteLine(Part("compare from the sidecar's summaries", () => SystemComparer.CompareLatest(stored!, two[0], two[1], new ComparisonOptions { Distributions = true })));
        Console.WriteLine(Part("compare's read alone", () => store.ReadLatestSessionsOf(two[0], two[1], 20_000).Count()));
        Console.WriteLine(Part("alert rows", () => store.ReadAlertRows().Count()));
        Console.WriteLine(Part("alerts (AlertReport.Find)", () => ZosTelemetry.Alerts.AlertReport.Find(store, latest, null)));
        Console.WriteLine(Part("scores (ModelScorer)", () => ZosTelemetry.Scores.ModelScorer.Score(latest, new ZosTelemetry.Scores.ScoreOptions())));
        Console.WriteLine(Part("snapshots", () => store.ReadSnapshots(new SnapshotQuery()).Count()));
        Console.WriteLine(Time("page", ZosTelemetry.Reports.Html.HtmlReport.DefaultSections));
        Console.WriteLine(Time("store note only", []));
        foreach (var section in ZosTelemetry.Reports.Html.HtmlReport.DefaultSections)
        {
            Console.WriteLine(Time(section.Id + " + store note", [section]));
        }

        return 0;
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var o = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i + 1 < args.Length; i += 2)
        {
            o[args[i].TrimStart('-')] = args[i + 1];
        }

        return o;
    }

    private static int Int(Dictionary<string, string> o, string k, int d) => o.TryGetValue(k, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : d;

    private static long Long(Dictionary<string, string> o, string k, long d) => o.TryGetValue(k, out var v) ? long.Parse(v, CultureInfo.InvariantCulture) : d;

    private static double Double(Dictionary<string, string> o, string k, double d) => o.TryGetValue(k, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : d;

    private static DateTimeOffset End(Dictionary<string, string> o) =>
        o.TryGetValue("end", out var v) ? DateTimeOffset.Parse(v, CultureInfo.InvariantCulture) : DateTimeOffset.UtcNow.AddMinutes(-5);
}
