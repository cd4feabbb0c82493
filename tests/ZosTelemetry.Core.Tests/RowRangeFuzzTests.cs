// Issue 11, "Done when": readers fed rows at and beyond every range limit never crash. Random event and summary rows
// (seeded, see FuzzSeed) take each number and time from the edges of its range: 0, the limit, one past it, the
// largest long, 1e300, -0, the earliest and latest storable instants and the calendar's ends, at offsets of ±14 h.
// Every reader, report and the doctor must then run without an exception, every accepted row must be within RowRules,
// and every total must be exact (no sum may wrap).
using System.Globalization;
using System.Text;
using ZosTelemetry.Comparison;
using ZosTelemetry.Events;
using ZosTelemetry.Reports;
using ZosTelemetry.Savings;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class RowRangeFuzzTests : IDisposable
{
    private static readonly string[] Counts =
    [
        "0", "1", "999999999999", "1000000000000", "1000000000001", "9223372036854775807", "9223372036854775808",
        "5000000000000000000", "-1", "1e12", "1.0e13", "null", "1000000000000.0",
    ];

    private static readonly string[] Costs = ["0", "-0", "0.5", "1000000", "1000000.0001", "1e300", "1E+300", "-1", "null", "1e-300", "999999999999"];

    private static readonly string[] Times =
    [
        "2000-01-01T00:00:00.000Z", "1999-12-31T23:59:59.999Z", "2099-12-31T23:59:59.999Z", "2100-01-01T00:00:00.000Z",
        "9999-12-31T23:59:59.9999999Z", "0001-01-01T00:00:00Z", "9999-12-31T23:59:59-14:00", "0001-01-01T00:00:00+14:00",
        "2026-06-10T12:00:00+14:00", "2026-06-10T12:00:00-12:00", "2026-06-10T17:00:00Z",
    ];

    private readonly TempRoot temp = new();
    private readonly Random random = new(FuzzSeed.Value);

    public void Dispose() => temp.Dispose();

    private string Pick(string[] values) => values[random.Next(values.Length)];

    private string EventRow(int i) =>
        $$"""{"schema":1,"ts":"{{Pick(Times)}}","session_id":"s{{i % 7}}","system":"{{(i % 2 == 0 ? "sys-a" : "sys-b")}}","context":null,"role":null,"kind":"{{(i % 3 == 0 ? "user_message" : "assistant_message")}}","model":"claude-sonnet-4-5","tokens_in":{{Pick(Counts)}},"tokens_out":{{Pick(Counts)}},"cost_usd":{{Pick(Costs)}},"markers":[],"cache_read_tokens":{{Pick(Counts)}},"cache_write_tokens":{{Pick(Counts)}},"duration_ms":{{Pick(Counts)}},"cache_write_1h_tokens":{{Pick(Counts)}}}""";

    private string SessionRow(int i) =>
        $$"""{"schema":1,"ts_closed":"{{Pick(Times)}}","session_id":"s{{i % 7}}","system":"{{(i % 2 == 0 ? "sys-a" : "sys-b")}}","context":null,"model":null,"detector_version":1,"turns":{{Pick(Counts)}},"user_turns":{{Pick(Counts)}},"corrections":{{Pick(Counts)}},"events":{{Pick(Counts)}},"tokens_in":{{Pick(Counts)}},"tokens_out":{{Pick(Counts)}},"cost_usd":{{Pick(Costs)}},"unpriced_events":{{Pick(Counts)}},"first_ts":"{{Pick(Times)}}","last_ts":"{{Pick(Times)}}","duration_s":{{Pick(Costs)}}}""";

    [Fact]
    public void Readers_RowsAtAndBeyondEveryLimit_NeverThrowAndAcceptOnlyRowsInRange()
    {
        int cases = FuzzSeed.Cases(1500);
        string root = temp.Combine("store");
        Directory.CreateDirectory(root);
        var events = new StringBuilder();
        var sessions = new StringBuilder();
        for (int i = 0; i < cases; i++)
        {
            events.Append(EventRow(i)).Append('\n');
            sessions.Append(SessionRow(i)).Append('\n');
        }

        File.WriteAllText(Path.Combine(root, "events-2026-06.jsonl"), events.ToString());
        File.WriteAllText(Path.Combine(root, "sessions-2026-06.jsonl"), sessions.ToString());
        var warnings = new List<StoreWarning>();
        var store = new TelemetryStore(root, warnings.Add, () => Make.Now) { ScanChunkBytes = 8192 };

        try
        {
            var read = store.ReadEvents().ToList();
            Assert.All(read, e => Assert.Null(RowRules.EventReason(e.Timestamp.UtcTicks, e.TokensIn, e.TokensOut, e.CacheReadTokens, e.CacheWriteTokens, e.CacheWrite1hTokens, e.DurationMs, e.CostUsd)));
            var summaries = store.ReadSessions();
            Assert.All(summaries, s => Assert.Null(RowRules.SessionReason(s.ClosedAt.UtcTicks, s.FirstTimestamp.UtcTicks, s.LastTimestamp.UtcTicks, s.DetectorVersion, s.Turns, s.UserTurns, s.Corrections, s.Events, s.TokensIn, s.TokensOut, s.CostUsd, s.UnpricedEvents, s.DurationSeconds)));

            // Every total equals the exact (BigInteger) sum of the rows the reader accepted.
            var daily = store.ReadDailySummaries();
            Assert.Equal(read.Aggregate(System.Numerics.BigInteger.Zero, (t, e) => t + e.TokensIn), daily.Aggregate(System.Numerics.BigInteger.Zero, (t, d) => t + d.TokensIn));

            foreach (string zone in new[] { "UTC", "Pacific/Kiritimati", "Pacific/Pago_Pago" })
            {
                var query = new UsageQuery { TimeZone = ReportArguments.ParseTimeZone(zone) };
                UsageReport.ByPeriod(store, UsagePeriod.Day, query);
                UsageReport.ByPeriod(store, UsagePeriod.Month, query);
                UsageReport.BySession(store, query);
            }

            SavingsCalculator.Compute(read, Pricing.PriceTable.Default);
            SystemComparer.Compare(store, "sys-a", "sys-b");
            foreach (var id in read.Select(e => e.SessionId).Distinct())
            {
                store.Close(id);
            }

            var doctor = new StoreDoctor(store);
            var report = doctor.Examine();
            Assert.Equal(read.Count, report.Files.Where(f => f.Kind == StoreFileKind.Events).Sum(f => f.Rows));
            doctor.Repair();
            Assert.Equal(read.Count, store.ReadEvents().Count());
        }
        catch (Exception ex)
        {
            Assert.Fail($"a reader threw on rows at the range limits ({FuzzSeed.Describe}): {ex}");
        }

        Assert.NotEmpty(warnings); // rows beyond the limits were there, and were skipped with a reason
    }
}
