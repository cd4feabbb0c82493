// snapshots-last: the time of "the newest N snapshots" (ReadSnapshots with Last, what `snapshots --last N` and
// Get-TelemetrySnapshot -Last run) in stores of growing size, against reading them all. The claim it checks: the
// --last read goes from the end of the newest month file and stops at N, so its time stays flat from a thousand
// snapshots to a million, where a read of everything grows with the store.
using System.Diagnostics;
using System.Globalization;
using ZosTelemetry.Snapshots;
using ZosTelemetry.Store;

namespace ZosTelemetry.Bench;

internal static class SnapshotsLastBench
{
    public static int Run(string work, IReadOnlyList<int> sizes, int last, int runs)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"snapshots",10}  {"store MB",9}  {"last " + last + " (ms)",14}  {"read all (ms)",13}"));
        foreach (int size in sizes)
        {
            string root = Path.Combine(work, "snapshots-" + size.ToString(CultureInfo.InvariantCulture));
            long bytes = Generate(root, size);
            var store = new TelemetryStore(root);
            double lastMs = Median(runs, () => store.ReadSnapshots(new SnapshotQuery { Last = last }).Count());
            // A full read is the contrast; above 100,000 rows one run says enough and keeps the benchmark short.
            double allMs = Median(size > 100_000 ? 1 : runs, () => store.ReadSnapshots().Count());
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{size,10:N0}  {bytes / 1e6,9:0.0}  {lastMs,14:0.00}  {allMs,13:0.0}"));
            Directory.Delete(root, recursive: true);
        }

        return 0;
    }

    /// <summary>Snapshots of three systems spread over twelve months, written straight to the month files.</summary>
    private static long Generate(string root, int count)
    {
        Directory.CreateDirectory(root);
        var random = new Random(14);
        var end = new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        var start = end.AddMonths(-12);
        double step = (end - start).Ticks / (double)count;
        FileStream? file = null;
        string? name = null;
        try
        {
            for (int i = 0; i < count; i++)
            {
                var ts = start.AddTicks((long)(i * step));
                double c = Math.Round(0.6 + (0.3 * random.NextDouble()), 4);
                var s = new QualitySnapshot
                {
                    Timestamp = ts, System = ((string[])["router", "intent", "correction-detector"])[i % 3], TotalWindows = 100 + random.Next(900),
                    FeatureMissingness = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["lang"] = 0.1, ["tokens"] = 0 },
                    ConfidenceStats = new ConfidenceStats { Mean = c, Median = c, P5 = Math.Round(c - 0.2, 4), P95 = Math.Round(Math.Min(1, c + 0.08), 4), Std = 0.12 },
                    RejectRate = 0.05, MeanEntropy = 0.61,
                    ClassDistribution = new SortedDictionary<string, double>(StringComparer.Ordinal) { ["basic"] = 0.55, ["premium"] = 0.4, ["unknown"] = 0.05 },
                    SchemaVersion = "v3",
                };
                string fileName = SinkFiles.FileName(SinkKind.Snapshots, ts);
                if (fileName != name)
                {
                    file?.Dispose();
                    name = fileName;
                    file = new FileStream(Path.Combine(root, fileName), FileMode.Append, FileAccess.Write, FileShare.Read, 1 << 20);
                }

                file!.Write(SnapshotRowCodec.Line(s));
            }
        }
        finally
        {
            file?.Dispose();
        }

        return Directory.EnumerateFiles(root).Sum(f => new FileInfo(f).Length);
    }

    private static double Median(int runs, Func<int> read)
    {
        read(); // warm: compiled and the file in the page cache, as for a user who runs it twice
        var times = new List<double>(runs);
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
