// BenchmarkDotNet micro-benchmarks of the hot paths: row parse (complete and fast), row write, aggregation, the
// detector on a realistic message mix, and the detector on pathological input at growing lengths (to show that
// time grows at most linearly with length, and stops growing at the 2,000 characters the detector reads).
using System.Buffers;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Jobs;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Sessions;
using ZosTelemetry.Store;

namespace ZosTelemetry.Bench;

/// <summary>A short job: this machine has two shared cores, and these figures are for orders of magnitude.</summary>
public sealed class QuickConfig : BenchmarkDotNet.Configs.ManualConfig
{
    public QuickConfig()
    {
        AddJob(Job.ShortRun.WithWarmupCount(3).WithIterationCount(7));
        AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default);
    }
}

/// <summary>Rows of a generated store, shared by the row and aggregation benchmarks.</summary>
internal static class SampleRows
{
    private static readonly Lazy<(byte[][] Events, byte[][] Sessions)> Rows = new(() =>
    {
        string root = Path.Combine(Path.GetTempPath(), "zos-bench-rows-" + Environment.ProcessId);
        var end = new DateTimeOffset(2026, 6, 20, 0, 0, 0, TimeSpan.Zero);
        new StoreGenerator(11).Generate(Path.Combine(root, "e"), 10_000, 1, end, 1.0, null, 0);
        new StoreGenerator(12).GenerateSummaries(Path.Combine(root, "s"), 10_000, 1, end, twoSystems: false);
        byte[][] Read(string dir, string pattern) => Directory.GetFiles(Path.Combine(root, dir), pattern).SelectMany(File.ReadAllLines).Take(10_000).Select(Encoding.UTF8.GetBytes).ToArray();
        var rows = (Read("e", "events-*.jsonl"), Read("s", "sessions-*.jsonl"));
        Directory.Delete(root, recursive: true);
        return rows;
    });

    public static byte[][] Events => Rows.Value.Events;

    public static byte[][] Sessions => Rows.Value.Sessions;
}

[Config(typeof(QuickConfig))]
public class RowBenchmarks
{
    private byte[][] events = [];
    private byte[][] sessions = [];
    private TelemetryEvent[] parsed = [];
    private readonly ArrayBufferWriter<byte> output = new(1 << 22);

    [GlobalSetup]
    public void Setup()
    {
        events = SampleRows.Events;
        sessions = SampleRows.Sessions;
        parsed = events.Select(r => RowCodec.TryParseEvent(r, out var e, out _) ? e! : throw new InvalidOperationException()).ToArray();
    }

    [Benchmark(Description = "event rows: RowCodec.TryParseEvent (complete, objects)", OperationsPerInvoke = 10_000)]
    public int ParseEventComplete()
    {
        int n = 0;
        foreach (var row in events)
        {
            n += RowCodec.TryParseEvent(row, out _, out _) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "event rows: EventRowReader.TryReadPlain (facts, no allocation)", OperationsPerInvoke = 10_000)]
    public long ParseEventFacts()
    {
        long n = 0;
        foreach (var row in events)
        {
            n += EventRowReader.TryReadPlain(row, out var f) ? f.TokensIn : 0;
        }

        return n;
    }

    [Benchmark(Description = "event rows: plain Utf8JsonReader loop (calibration)", OperationsPerInvoke = 10_000)]
    public long ParseEventUtf8JsonReader()
    {
        long n = 0;
        foreach (var row in events)
        {
            var r = new Utf8JsonReader(row);
            while (r.Read())
            {
                if (r.TokenType == JsonTokenType.PropertyName && r.ValueTextEquals("tokens_in"u8))
                {
                    r.Read();
                    n += r.GetInt64();
                }
            }
        }

        return n;
    }

    [Benchmark(Description = "session rows: RowCodec.TryParseSession", OperationsPerInvoke = 10_000)]
    public int ParseSessionComplete()
    {
        int n = 0;
        foreach (var row in sessions)
        {
            n += RowCodec.TryParseSession(row, out _, out _) ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "session rows: SessionRowReader.TryReadPlain", OperationsPerInvoke = 10_000)]
    public long ParseSessionFacts()
    {
        long n = 0;
        foreach (var row in sessions)
        {
            n += SessionRowReader.TryReadPlain(row, out var f) ? f.Turns : 0;
        }

        return n;
    }

    [Benchmark(Description = "event rows: RowCodec.WriteEvent", OperationsPerInvoke = 10_000)]
    public int WriteEvent()
    {
        output.ResetWrittenCount();
        foreach (var e in parsed)
        {
            RowCodec.WriteEvent(output, e);
            output.Write("\n"u8);
        }

        return output.WrittenCount;
    }
}

[Config(typeof(QuickConfig))]
public class AggregationBenchmarks
{
    private byte[][] events = [];
    private TelemetryEvent[] parsed = [];

    [GlobalSetup]
    public void Setup()
    {
        events = SampleRows.Events;
        parsed = events.Select(r => RowCodec.TryParseEvent(r, out var e, out _) ? e! : throw new InvalidOperationException()).ToArray();
    }

    [Benchmark(Description = "daily rollup: parse facts + fold, per event", OperationsPerInvoke = 10_000)]
    public int DailyFromRows()
    {
        var partial = new DailyRollupPartial();
        foreach (var row in events)
        {
            if (EventRowReader.TryReadPlain(row, out var f))
            {
                partial.Add(f);
            }
        }

        return partial.Groups().Count();
    }

    [Benchmark(Description = "session summary: SessionAccumulator.Add, per event", OperationsPerInvoke = 10_000)]
    public long SessionFold()
    {
        var acc = new SessionAccumulator("s");
        foreach (var e in parsed)
        {
            acc.Add(e);
        }

        return acc.Events;
    }
}

[Config(typeof(QuickConfig))]
public class DetectorBenchmarks
{
    private string[] messages = [];

    [GlobalSetup]
    public void Setup()
    {
        // The labelled sets: corrections, approvals, questions and ordinary requests, as users write them.
        string dir = Path.Combine(FindRepo(), "tests", "data", "detector");
        messages = Directory.GetFiles(dir, "*.jsonl").SelectMany(File.ReadAllLines)
            .Where(l => l.Contains("\"text\"", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("text").GetString()!)
            .ToArray();
    }

    public int MessageCount => messages.Length;

    // Per message: the result is divided by the number of messages in the sets (1,212 since the v2 sets were added).
    [Benchmark(Description = "detector v2: labelled message mix, per message", OperationsPerInvoke = 1212)]
    public int DetectMix()
    {
        int n = 0;
        foreach (string m in messages)
        {
            n += CorrectionDetector.Detect(m).IsCorrection ? 1 : 0;
        }

        return n;
    }

    [Benchmark(Description = "detector v1: labelled message mix, per message", OperationsPerInvoke = 1212)]
    public int DetectMixV1()
    {
        int n = 0;
        foreach (string m in messages)
        {
            n += CorrectionDetector.Detect(m, 1).IsCorrection ? 1 : 0;
        }

        return n;
    }

    internal static string FindRepo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Telemetry.sln")))
            {
                return dir.FullName;
            }
        }

        return Environment.CurrentDirectory;
    }
}

/// <summary>
/// Inputs that make backtracking matchers slow: long runs of one character, deep punctuation, repeated openers.
/// Linear means Mean / Length stays flat from 250 to 2,000 characters; past 2,000 the detector reads no more.
/// </summary>
[Config(typeof(QuickConfig))]
public class PathologicalDetectorBenchmarks
{
    private string text = "";

    [Params("aaaa", "!?!?", "((((", "no no ", "wrong ")]
    public string Unit { get; set; } = "";

    [Params(250, 1000, 2000, 8000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var sb = new StringBuilder(Length + Unit.Length);
        while (sb.Length < Length)
        {
            sb.Append(Unit);
        }

        text = sb.ToString(0, Length);
    }

    [Benchmark(Description = "detector: pathological input")]
    public bool Detect() => CorrectionDetector.Detect(text).IsCorrection;

    [Benchmark(Description = "detector v1: pathological input")]
    public bool DetectV1() => CorrectionDetector.Detect(text, 1).IsCorrection;
}
