// Times savings, the period comparison, a CSV export and a prune (the writer lock is held for the whole prune, so
// its time is how long appends wait) on a store of N events spread over the last 75 days, i.e. three months.
// Run: dotnet run -c Release --project bench/UsageBench -- 300000
using System.Diagnostics;
using System.Globalization;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Export;
using ZosTelemetry.Pricing;
using ZosTelemetry.Savings;
using ZosTelemetry.Store;

int n = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 300_000;
string root = Directory.CreateTempSubdirectory("zos-usage-bench-").FullName;
try
{
    var now = DateTimeOffset.UtcNow;
    string[] models = ["claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-5", "gpt-5-mini", "in-house-7b"];
    var random = new Random(20261125);
    var store = new TelemetryStore(root) { LockTimeout = TimeSpan.FromMinutes(1) };
    var clock = Stopwatch.StartNew();
    const int batch = 10_000;
    for (int i = 0; i < n; i += batch)
    {
        store.Append(Enumerable.Range(i, Math.Min(batch, n - i)).Select(j => new TelemetryEvent
        {
            Timestamp = now.AddSeconds(-(75.0 * 86_400 * j / n)),
            SessionId = "s" + (j / 20).ToString(CultureInfo.InvariantCulture),
            System = "router",
            Kind = EventKinds.AssistantMessage,
            Model = models[random.Next(models.Length)],
            TokensIn = random.Next(100, 20_000),
            TokensOut = random.Next(50, 4_000),
            CacheReadTokens = random.Next(0, 50_000),
            CacheHit = random.Next(2) == 0,
        }).ToList());
    }

    Console.WriteLine($"store: {n:N0} events, {Directory.GetFiles(root, "*.jsonl").Sum(f => new FileInfo(f).Length) / 1e6:0.0} MB, appended in {clock.Elapsed.TotalSeconds:0.00} s");

    Time("savings (all time)", () => SavingsCalculator.Compute(store.ReadEvents(), PriceTable.Default).Calls);
    Time("compare-periods 7 vs 30", () => PeriodComparer.Compare(store.ReadEvents(new EventQuery { Since = now.AddDays(-30) }), CostResolver.Shipped, new PeriodOptions { Now = now }).Period2.Calls);
    Time("export csv (to a file)", () =>
    {
        long rows = 0;
        AtomicFile.Write(Path.Combine(root, "export.csv"), s => rows = TelemetryExport.WriteEvents(s, ExportFormat.Csv, store.ReadEvents(), CostResolver.Shipped));
        return rows;
    });
    Time("prune --older-than 45 (lock held)", () => StoreRetention.Prune(store, now.AddDays(-45)).RowsRemoved);
}
finally
{
    Directory.Delete(root, recursive: true);
}

static void Time(string what, Func<long> run)
{
    var clock = Stopwatch.StartNew();
    long rows = run();
    Console.WriteLine($"{what}: {clock.Elapsed.TotalSeconds:0.00} s ({rows:N0} rows)");
}
