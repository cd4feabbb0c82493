// A first import folds the store's daily facts (.index/events-YYYY-MM.facts) beside closing its sessions, so that the
// report after it only reads them (issue 15); later imports leave the folding to the reports.
using ZosTelemetry.Facts;
using ZosTelemetry.Import;

namespace ZosTelemetry.Tests;

public sealed class ImportDailyFactsTests : IDisposable
{
    private readonly ImportFixture fx = new();

    public void Dispose() => fx.Dispose();

    [Fact]
    public void Import_First_LeavesTheDailyFactsOfEveryEventsFileMatchingItsRows()
    {
        fx.Import(LogSource.ClaudeCode);

        var events = Directory.GetFiles(fx.StoreRoot, "events-*.jsonl");
        Assert.NotEmpty(events);
        Assert.All(events, e => Assert.True(File.Exists(DailyFactsSidecar.PathOf(fx.StoreRoot, e)), $"no facts for {Path.GetFileName(e)}"));
        var fromFacts = Days();
        foreach (string e in events)
        {
            File.Delete(DailyFactsSidecar.PathOf(fx.StoreRoot, e));
        }

        Assert.Equal(Days(), fromFacts); // folded again from the rows: the same days, tokens and cost
    }

    [Fact]
    public void Import_Later_LeavesTheFoldingToTheReports()
    {
        fx.Import(LogSource.ClaudeCode);
        var events = Directory.GetFiles(fx.StoreRoot, "events-*.jsonl");
        var stamps = events.ToDictionary(e => e, e => File.GetLastWriteTimeUtc(DailyFactsSidecar.PathOf(fx.StoreRoot, e)));
        string log = fx.SessionFile("000000000c03");
        File.AppendAllText(log, File.ReadAllLines(log)[^1].Replace("msg_01C2", "msg_01C9", StringComparison.Ordinal).Replace("\"uuid\":\"", "\"uuid\":\"x", StringComparison.Ordinal) + "\n");

        var second = fx.Import(LogSource.ClaudeCode);

        Assert.Equal(1, second.EventsAdded);
        Assert.All(events, e => Assert.Equal(stamps[e], File.GetLastWriteTimeUtc(DailyFactsSidecar.PathOf(fx.StoreRoot, e))));
    }

    private List<string> Days() => fx.Daily("claude-code")
        .Select(d => $"{d.Period} {d.InputTokens} {d.OutputTokens} {d.CacheWriteTokens} {d.CacheReadTokens} {d.CostUsd:R}").ToList();
}
