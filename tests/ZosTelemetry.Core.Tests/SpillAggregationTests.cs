// The spill paths of the aggregations over every session (issue 11.3): with a spill threshold of a few sessions, a
// small store takes the path a store of millions takes, and the output must be byte for byte what the in-memory
// path prints. The scratch files are private and gone when the rows are disposed, also when the consumer fails.
using System.Globalization;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Reports;
using ZosTelemetry.Statistics;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class SpillAggregationTests : IDisposable
{
    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => temp.Combine("store");

    /// <summary>
    /// Sessions over three months in many scan chunks: several models (one without a price and without a cost), a
    /// session id under two systems, equal last-activity times under different ids, friction of every kind, and
    /// sessions whose events lie far apart in the files (so their partial rows meet only in the spill).
    /// </summary>
    private void Populate(int sessions = 60)
    {
        var rng = new Random(11_3);
        var events = new List<TelemetryEvent>();
        var start = new DateTimeOffset(2026, 1, 5, 0, 0, 0, TimeSpan.Zero);
        string[] models = ["claude-sonnet-4-5", "gpt-5", "unpriced-model-x"];
        for (int i = 0; i < sessions; i++)
        {
            string id = "sp-" + i.ToString("D3", CultureInfo.InvariantCulture);
            string system = i % 7 == 0 ? "codex" : "claude-code";
            var ts = start.AddHours(rng.Next(0, 24 * 80));
            for (int k = 0, n = 1 + rng.Next(6); k < n; k++)
            {
                events.Add(Event(id, system, ts, rng, models));
                ts = ts.AddMinutes(i % 5 == 0 ? 60 * 24 * 20 : rng.Next(1, 30)); // every fifth session spans months
            }
        }

        // One id under a second system; two ids sharing their last activity to the tick.
        events.Add(Event("sp-001", "aider", start.AddDays(3), rng, models));
        var tie = start.AddDays(10);
        events.Add(new TelemetryEvent { SessionId = "tie-b", System = "claude-code", Kind = EventKinds.AssistantMessage, Role = "assistant", Model = "gpt-5", Timestamp = tie, TokensIn = 7 });
        events.Add(new TelemetryEvent { SessionId = "tie-a", System = "claude-code", Kind = EventKinds.AssistantMessage, Role = "assistant", Model = "gpt-5", Timestamp = tie, TokensIn = 9 });

        // Appended in an order unlike time order, in batches, so that one session's rows lie in several chunks.
        var store = new TelemetryStore(Root, clock: () => new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        foreach (var batch in events.OrderBy(_ => rng.Next()).Chunk(40))
        {
            store.Append(batch);
        }
    }

    private static TelemetryEvent Event(string id, string system, DateTimeOffset ts, Random rng, string[] models)
    {
        int kind = rng.Next(6);
        string model = models[rng.Next(models.Length)];
        return kind switch
        {
            0 => new TelemetryEvent { SessionId = id, System = system, Kind = EventKinds.UserMessage, Role = "user", Timestamp = ts, Markers = rng.Next(3) == 0 ? ["corr.strong.1"] : [] },
            1 => new TelemetryEvent { SessionId = id, System = system, Kind = "tool_result", Timestamp = ts, Markers = rng.Next(2) == 0 ? ["tool.error"] : [] },
            2 => new TelemetryEvent { SessionId = id, System = system, Kind = "api_error", Timestamp = ts },
            _ => new TelemetryEvent
            {
                SessionId = id, System = system, Kind = EventKinds.AssistantMessage, Role = "assistant", Model = model, Timestamp = ts,
                TokensIn = rng.Next(1, 90_000), TokensOut = rng.Next(1, 9_000), CacheReadTokens = rng.Next(0, 50_000),
                CostUsd = model == "unpriced-model-x" || rng.Next(3) == 0 ? null : Math.Round(rng.NextDouble() / 3, 6),
            },
        };
    }

    private static UsageQuery Query() => new() { TimeZone = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin") };

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReportSession_SpilledWithAThresholdOfThree_PrintsWhatTheInMemoryReportPrints(bool breakdown)
    {
        Populate();
        var inMemory = UsageReport.BySession(new TelemetryStore(Root), Query());
        string text = UsageReportRenderer.Text(inMemory, Query().TimeZone, breakdown);
        byte[] json = UsageReportRenderer.Json(Query().TimeZone, inMemory, breakdown);

        using var rows = UsageReport.StreamBySession(new TelemetryStore(Root) { SpillThreshold = 3, ScanChunkBytes = 4096 }, Query());
        var spilledText = new StringWriter { NewLine = "\n" };
        UsageReportRenderer.WriteText(spilledText, rows, Query().TimeZone, breakdown);
        var spilledJson = new MemoryStream();
        UsageReportRenderer.WriteJson(spilledJson, Query().TimeZone, rows, breakdown);

        Assert.True(rows.Spilled);
        Assert.True(inMemory.Count > 60);
        Assert.Contains("unpriced-model-x", text);
        Assert.Equal(text, spilledText.ToString());
        Assert.Equal(System.Text.Encoding.UTF8.GetString(json), System.Text.Encoding.UTF8.GetString(spilledJson.ToArray()));
    }

    [Fact]
    public void ScratchOfAKilledProcess_IsRemovedByTheNextAggregation_LiveAndRecentOnesStay()
    {
        string temp = Path.Combine(Root, "tmp");
        using var ended = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("dotnet", "--version") { RedirectStandardOutput = true })!;
        ended.WaitForExit();
        string Scratch(string name, bool old)
        {
            string dir = Path.Combine(temp, name);
            Directory.CreateDirectory(dir);
            File.WriteAllBytes(Path.Combine(dir, "part-000.bin"), [1, 2, 3]);
            if (old)
            {
                Directory.SetLastWriteTimeUtc(dir, DateTime.UtcNow.AddHours(-2));
            }

            return dir;
        }

        string killed = Scratch($"zos-spill-{ended.Id}-abc123", old: true);
        string killedJustNow = Scratch($"zos-spill-{ended.Id}-def456", old: false); // maybe another PID namespace's, still at work
        string running = Scratch($"zos-spill-{Environment.ProcessId}-ghi789", old: true);
        string unnamed = Scratch("zos-spill-Xy12Zq", old: true); // no process id: not ours to judge

        Assert.Equal(1, ZosTelemetry.Store.Spill.SpillDirectory.RemoveAbandoned(temp));

        Assert.False(Directory.Exists(killed));
        Assert.True(Directory.Exists(killedJustNow));
        Assert.True(Directory.Exists(running));
        Assert.True(Directory.Exists(unnamed));
    }

    [Fact]
    public void SpillDirectory_NameCarriesTheProcessId()
    {
        using var scratch = ZosTelemetry.Store.Spill.SpillDirectory.Create();

        Assert.StartsWith($"zos-spill-{Environment.ProcessId}-", Path.GetFileName(scratch.Path), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportSession_UnderTheThreshold_StaysInMemory()
    {
        Populate(10);

        using var rows = UsageReport.StreamBySession(new TelemetryStore(Root), Query());

        Assert.False(rows.Spilled);
        Assert.Null(rows.ScratchDirectory);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void ReportSession_Spilled_ScratchIsPrivateAndDeletedAlsoWhenTheConsumerFails()
    {
        Populate();
        string? scratch = null;

        var failure = Assert.Throws<IOException>(() =>
        {
            using var rows = UsageReport.StreamBySession(new TelemetryStore(Root) { SpillThreshold = 3, ScanChunkBytes = 4096 }, Query());
            scratch = rows.ScratchDirectory!;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(scratch));
            Assert.NotEmpty(Directory.GetFiles(scratch));
            Assert.All(Directory.GetFiles(scratch), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
            Assert.False(scratch.StartsWith(Root, StringComparison.Ordinal)); // never inside the store
            foreach (var row in rows)
            {
                throw new IOException("stdout closed (a consumer that fails half-way)");
            }
        });

        Assert.NotNull(scratch);
        Assert.False(Directory.Exists(scratch));
    }

    /// <summary>
    /// Summary rows over three months, appended out of order: sessions closed again in a later month and within the
    /// same month, rows of one session with the same ts_closed (the later line wins), and an unreadable line.
    /// </summary>
    private void PopulateSummaries()
    {
        var rng = new Random(1103);
        var store = new TelemetryStore(Root);
        var start = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<Sessions.SessionSummary>();
        for (int i = 0; i < 150; i++)
        {
            var first = start.AddHours(rng.Next(0, 24 * 85));
            int closes = i % 4 == 0 ? 3 : 1;
            for (int c = 0; c < closes; c++)
            {
                var closed = first.AddDays(c * rng.Next(0, 40)).AddMinutes(5);
                rows.Add(new Sessions.SessionSummary
                {
                    SessionId = "ss-" + i.ToString("D3", CultureInfo.InvariantCulture), System = i % 3 == 0 ? "codex" : "claude-code",
                    Context = i % 5 == 0 ? null : "repo-" + (i % 4), Model = "gpt-5", DetectorVersion = 1, Turns = 2 + c, UserTurns = 1, Corrections = c,
                    Events = 2 + c, TokensIn = 100 * (c + 1), TokensOut = 10, CostUsd = 0.5 * c, FirstTimestamp = first, LastTimestamp = first.AddMinutes(1),
                    DurationSeconds = 60, ClosedAt = i % 8 == 0 ? start.AddDays(20) : closed, // many sharing one ts_closed
                });
            }
        }

        foreach (var batch in rows.OrderBy(_ => rng.Next()).Chunk(25))
        {
            store.AppendSessions(batch);
        }

        File.AppendAllText(Path.Combine(Root, "sessions-2026-03.jsonl"), "{\"schema\":1,\"not a summary\n");
    }

    private static List<string> Lines(IEnumerable<Sessions.SessionSummary> sessions) => sessions.Select(s =>
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        RowCodec.WriteSession(buffer, s);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }).ToList();

    [Theory]
    [InlineData(null)]
    [InlineData("codex")]
    public void Sessions_SpilledWithAThresholdOfTwo_SameRowsInTheSameOrderAndTheSameWarnings(string? system)
    {
        PopulateSummaries();
        var query = new SessionQuery { System = system };
        var warnings = new List<StoreWarning>();
        var spilledWarnings = new List<StoreWarning>();

        var inMemory = Lines(new TelemetryStore(Root, warnings.Add).StreamSessions(query));
        var spilled = Lines(new TelemetryStore(Root, spilledWarnings.Add) { SpillThreshold = 2, ScanChunkBytes = 3000 }.StreamSessions(query));

        Assert.True(inMemory.Count > 40);
        Assert.Equal(inMemory, spilled);
        Assert.NotEmpty(warnings);
        Assert.Equal(warnings, spilledWarnings);
    }

    [Fact]
    public void Doctor_SpilledWithAThresholdOfTwo_CountsWhatTheInMemoryDoctorCounts()
    {
        Populate();
        PopulateSummaries();
        // Summaries for some sessions that have events: twice for a few, once in another month.
        var store = new TelemetryStore(Root);
        var closed = new DateTimeOffset(2026, 4, 2, 0, 0, 0, TimeSpan.Zero);
        store.AppendSessions(Enumerable.Range(0, 30).Select(i => new Sessions.SessionSummary
        {
            SessionId = "sp-" + (i % 20).ToString("D3", CultureInfo.InvariantCulture), System = "claude-code", DetectorVersion = 1, Turns = 1, Events = 1,
            FirstTimestamp = closed.AddDays(-1), LastTimestamp = closed.AddDays(-1), ClosedAt = closed.AddDays(i % 3 == 0 ? 31 : 0).AddMinutes(i),
        }).ToList());

        var inMemory = new StoreDoctor(new TelemetryStore(Root)).Examine();
        var spilled = new StoreDoctor(new TelemetryStore(Root) { SpillThreshold = 2 }).Examine();

        static string Counts(StoreHealthReport r) => string.Join("\n", r.Files.Select(f =>
            $"{Path.GetFileName(f.Path)} rows {f.Rows} skipped {f.SkippedRows} without summary {f.SessionsWithoutSummary} without events {f.SummariesWithoutEvents} superseded {f.DuplicateSummaries}"));
        Assert.Equal(Counts(inMemory), Counts(spilled));
        Assert.Contains(inMemory.Files, f => f.SessionsWithoutSummary > 0);
        Assert.Contains(inMemory.Files, f => f.SummariesWithoutEvents > 0);
        Assert.Contains(inMemory.Files, f => f.DuplicateSummaries > 0);
    }
    /// <summary>
    /// Summary rows for compare: a large side (claude-code, 160 sessions) and a small one (codex, 9), noise of a third
    /// system, costs with many digits (so that any change of summation order shows in the last digit), agent-run fields
    /// on some, sessions closed again (in a later month, in the same month with the same ts_closed, and once under the
    /// other system, which then owns the session), unpriced sessions, two detector versions and an unreadable line.
    /// </summary>
    private void PopulateComparison()
    {
        var rng = new Random(11_3_2);
        var store = new TelemetryStore(Root);
        var start = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var rows = new List<Sessions.SessionSummary>();
        for (int i = 0; i < 200; i++)
        {
            string system = i % 20 == 3 ? "codex" : i % 6 == 1 ? "aider" : "claude-code";
            var first = start.AddMinutes(rng.Next(0, 60 * 24 * 150));
            int closes = i % 5 == 0 ? 3 : 1;
            for (int c = 0; c < closes; c++)
            {
                bool agent = i % 3 == 0;
                rows.Add(new Sessions.SessionSummary
                {
                    SessionId = "cmp-" + i.ToString("D3", CultureInfo.InvariantCulture),
                    System = c == 2 && i % 40 == 0 ? (system == "codex" ? "claude-code" : "codex") : system,
                    Model = "gpt-5", DetectorVersion = i % 50 == 7 ? 2 : 1, Turns = 2 + rng.Next(30), UserTurns = rng.Next(0, 12), Corrections = rng.Next(0, 5),
                    Events = 3, TokensIn = rng.Next(1, 200_000), TokensOut = rng.Next(0, 9_000), CostUsd = rng.NextDouble() * 3.7,
                    UnpricedEvents = i % 17 == 0 ? 1 : 0, FirstTimestamp = first, LastTimestamp = first.AddSeconds(rng.Next(1, 90_000)),
                    DurationSeconds = rng.NextDouble() * 5000, ToolCalls = agent ? rng.Next(0, 40) : null, ToolFailures = agent ? rng.Next(0, 4) : null,
                    ErrorsByCategory = agent ? new Dictionary<string, long> { ["api"] = rng.Next(0, 3) } : null,
                    Outcome = agent && i % 2 == 0 ? (rng.Next(3) == 0 ? Outcomes.Failure : Outcomes.Success) : null, Alerts = agent ? rng.Next(0, 2) : null,
                    ClosedAt = i % 9 == 0 ? start.AddDays(40) : first.AddDays(c * rng.Next(0, 50)).AddMinutes(5),
                });
            }
        }

        foreach (var batch in rows.OrderBy(_ => rng.Next()).Chunk(30))
        {
            store.AppendSessions(batch);
        }

        File.AppendAllText(Path.Combine(Root, "sessions-2026-07.jsonl"), "{\"schema\":1,\"not a summary\n");
    }

    private static string Rendered(ComparisonReport r) =>
        ComparisonText.Render(r) + "\n----\n" + ComparisonJson.Render(r) + "\n----\n" + ComparisonMarkdown.Render(r);

    /// <summary>
    /// Bootstrap limit 5000: sessions in the sorted order (first activity, then id hash), every interval bootstrapped;
    /// 10: above orderBelow (20), sessions in the order their ids first appear, normal approximation; 120: below
    /// orderBelow (240), so sorted, but the large side above the limit, normal approximation.
    /// </summary>
    [Theory]
    [InlineData(5000, null, false)]
    [InlineData(5000, 60, true)]
    [InlineData(10, null, true)]
    [InlineData(10, 45, false)]
    [InlineData(120, null, true)]
    public void Compare_SpilledWithAThresholdOfThree_RendersWhatTheInMemoryComparisonRenders(int bootstrapLimit, int? windowDays, bool distributions)
    {
        PopulateComparison();
        var options = new ComparisonOptions
        {
            BootstrapLimit = bootstrapLimit, WindowDays = windowDays, Distributions = distributions, Resamples = 400,
            Now = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
        };
        var warnings = new List<StoreWarning>();
        var spilledWarnings = new List<StoreWarning>();
        string? inMemoryScratch = null, scratch = null;

        var inMemory = SystemComparer.Compare(new TelemetryStore(Root, warnings.Add), "claude-code", "codex", options, path => inMemoryScratch = path);
        var spilled = SystemComparer.Compare(new TelemetryStore(Root, spilledWarnings.Add) { SpillThreshold = 3, ScanChunkBytes = 4096 }, "claude-code", "codex", options, path => scratch = path);

        Assert.Null(inMemoryScratch);
        Assert.NotNull(scratch);
        Assert.False(Directory.Exists(scratch));
        Assert.True(inMemory.A.Sessions > (windowDays is null ? 100 : 20));
        Assert.InRange(inMemory.B.Sessions, 1, SystemComparer.SmallSampleN - 1);
        Assert.Contains(inMemory.Metrics, m => m.Method == (inMemory.A.Sessions > bootstrapLimit ? IntervalMethod.WelchNormal : IntervalMethod.Bootstrap));
        Assert.Equal(Rendered(inMemory), Rendered(spilled));
        Assert.NotEmpty(warnings);
        Assert.Equal(warnings, spilledWarnings);
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Compare_Spilled_ScratchIsPrivateAndDeletedAlsoWhenItFails()
    {
        PopulateComparison();
        string? scratch = null;

        Assert.Throws<IOException>(() => SystemComparer.Compare(new TelemetryStore(Root) { SpillThreshold = 3 }, "claude-code", "codex", new ComparisonOptions(), path =>
        {
            scratch = path;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(path));
            Assert.Contains(Directory.GetFiles(path), f => Path.GetFileName(f).StartsWith("a-metric-", StringComparison.Ordinal));
            Assert.Contains(Directory.GetFiles(path), f => Path.GetFileName(f).StartsWith("run-", StringComparison.Ordinal));
            Assert.All(Directory.GetFiles(path), f => Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(f)));
            Assert.False(path.StartsWith(Root, StringComparison.Ordinal)); // never inside the store
            throw new IOException("disk full while the metrics are computed");
        }));

        Assert.NotNull(scratch);
        Assert.False(Directory.Exists(scratch));
    }
}
