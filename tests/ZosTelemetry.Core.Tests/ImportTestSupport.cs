// Shared by the import tests: the fixtures of tests/data/import copied into a private temporary directory (so tests may
// grow, rewrite or truncate them), a store beside them, an importer that never looks at the real environment, and the
// canary words planted in the fixtures' user text, tool output and paths that must never reach the store.
using System.Text;
using ZosTelemetry.Events;
using ZosTelemetry.Import;
using ZosTelemetry.Reports;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

internal sealed class ImportFixture : IDisposable
{
    /// <summary>Words that occur only in the fixtures' content (prompts, tool output, file paths, summaries).</summary>
    public static readonly string[] Canaries =
    [
        "Pomegranate7341", "Marmalade2210", "Saffron9090", "Tangerine5150", "Clementine4411", "Rhubarb6262", "Persimmon3030",
        "Kumquat8080", "Huckleberry4242", "Boysenberry1212", "Gooseberry3131", "Elderberry7777", "Dragonfruit2323",
        "Nectarine5656", "Quillfeather", "Apricot1111", "Blackcurrant4545", "Cantaloupe6767", "Watermelon2424", "Papaya8989",
        "Lychee3434", "Mulberry5858", "Jackfruit6161", "Starfruit7070", "Quince1919", "checkout.py", "/home/user", "discount",
        "home-user-shop",
    ];

    private readonly TempRoot temp = new();

    public ImportFixture()
    {
        CopyDirectory(Path.Combine(AppContext.BaseDirectory, "data", "import"), Logs);
        Store = new TelemetryStore(StoreRoot) { LockTimeout = TimeSpan.FromMilliseconds(200) };
    }

    public string Logs => temp.Combine("logs");

    public string ClaudeLogs => Path.Combine(Logs, "claude");

    public string CodexLogs => Path.Combine(Logs, "codex");

    public string StoreRoot => temp.Combine("store");

    public TelemetryStore Store { get; }

    /// <summary>Far enough after the fixtures that every session is idle.</summary>
    public static readonly DateTimeOffset Later = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public string SessionFile(string id) => Directory.EnumerateFiles(Logs, "*" + id + "*.jsonl", SearchOption.AllDirectories).Single();

    public ImportResult Import(LogSource source, CostMode mode = CostMode.Auto, DateTimeOffset? now = null, Action<ImportProgress>? progress = null, CancellationToken cancel = default, string? path = null, Action<string>? warning = null) =>
        LogImporter.Import(Store, new ImportOptions
        {
            Source = source,
            Paths = [path ?? (source == LogSource.ClaudeCode ? ClaudeLogs : CodexLogs)],
            CostMode = mode,
            Environment = new LogEnvironment(null, null, null),
            Clock = () => now ?? Later,
            Progress = progress,
            Warning = warning,
        }, cancel);

    public IReadOnlyList<TelemetryEvent> Events(string? kind = null) => Store.ReadEvents(new EventQuery { Kind = kind }).ToList();

    public IReadOnlyList<PeriodUsage> Daily(string system, string tz = "UTC") =>
        UsageReport.ByPeriod(Store, UsagePeriod.Day, new UsageQuery { System = system, TimeZone = ReportArguments.ParseTimeZone(tz) });

    /// <summary>Everything under the store root (events, sessions, import state, remembered ids) as text.</summary>
    public string EverythingStored() => string.Concat(Directory.EnumerateFiles(StoreRoot, "*", SearchOption.AllDirectories)
        .Select(f => Encoding.UTF8.GetString(File.ReadAllBytes(f))));

    public void Dispose() => temp.Dispose();

    private static void CopyDirectory(string from, string to)
    {
        foreach (string dir in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        Directory.CreateDirectory(to);
        foreach (string file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}

/// <summary>Day totals as ccusage 20.0.24 printed them for the fixtures (`ccusage daily --json --offline --by-agent`).</summary>
internal sealed record DayTotals(string Date, long Input, long Output, long CacheWrite, long CacheRead, double Cost)
{
    public static void AssertEqual(IReadOnlyList<DayTotals> expected, IReadOnlyList<PeriodUsage> actual)
    {
        Assert.Equal(expected.Select(d => d.Date), actual.Select(r => r.Period));
        foreach (var (e, a) in expected.Zip(actual))
        {
            Assert.Equal((e.Input, e.Output, e.CacheWrite, e.CacheRead), (a.InputTokens, a.OutputTokens, a.CacheWriteTokens, a.CacheReadTokens));
            Assert.True(Math.Abs(e.Cost - a.CostUsd) < 1e-6, $"{e.Date}: cost {a.CostUsd} vs ccusage {e.Cost}");
        }
    }
}
