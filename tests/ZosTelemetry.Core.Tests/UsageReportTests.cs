// The usage reports over imported events: months, sessions with their friction counts, inclusive date bounds in the
// report's time zone, and the renderings the CLI prints.
using System.Text.Json;
using ZosTelemetry.Import;
using ZosTelemetry.Reports;

namespace ZosTelemetry.Tests;

public sealed class UsageReportTests : IDisposable
{
    private readonly ImportFixture fx = new();

    public UsageReportTests()
    {
        fx.Import(LogSource.ClaudeCode);
        fx.Import(LogSource.Codex);
    }

    public void Dispose() => fx.Dispose();

    private static UsageQuery Utc(string? since = null, string? until = null, string? system = null) => new()
    {
        TimeZone = TimeZoneInfo.Utc,
        System = system,
        Since = since is null ? null : ReportArguments.ParseDate("--since", since),
        Until = until is null ? null : ReportArguments.ParseDate("--until", until),
    };

    [Fact]
    public void Monthly_Fixtures_EqualCcusagePerSystem()
    {
        var rows = UsageReport.ByPeriod(fx.Store, UsagePeriod.Month, Utc(since: "2025-10-01"));

        var claude = Assert.Single(rows, r => r.System == LogSources.ClaudeCodeSystem);
        var codex = Assert.Single(rows, r => r.System == LogSources.CodexSystem);
        Assert.Equal((3572L, 3255L, 30500L, 151000L), (claude.InputTokens, claude.OutputTokens, claude.CacheWriteTokens, claude.CacheReadTokens));
        Assert.Equal(0.394996, claude.CostUsd, 9);
        Assert.Equal((14800L, 1790L, 44200L), (codex.InputTokens, codex.OutputTokens, codex.CacheReadTokens));
        Assert.Equal(0.033325, codex.CostUsd, 9);
    }

    [Fact]
    public void Daily_SinceAndUntil_AreInclusiveDates()
    {
        var rows = UsageReport.ByPeriod(fx.Store, UsagePeriod.Day, Utc("20251002", "2025-10-02"));

        Assert.Equal(["2025-10-02", "2025-10-02"], rows.Select(r => r.Period));
    }

    [Fact]
    public void Daily_Breakdown_SumsToTheRow()
    {
        var day = UsageReport.ByPeriod(fx.Store, UsagePeriod.Day, Utc(system: LogSources.CodexSystem)).Single(r => r.Period == "2025-10-01");

        Assert.Equal(["gpt-5-codex", "gpt-5"], day.Breakdown.Select(m => m.Model));
        Assert.Equal(day.TotalTokens, day.Breakdown.Sum(m => m.TotalTokens));
        Assert.Equal(day.CostUsd, day.Breakdown.Sum(m => m.CostUsd), 9);
    }

    [Fact]
    public void BySession_CountsFrictionPerSession()
    {
        var a = UsageReport.BySession(fx.Store, Utc()).Single(s => s.SessionId == "5d0c2a1e-7f3b-4c1a-9e2d-000000000a01");

        Assert.Equal((4L, 1L, 4L, 1L, 1L, 1L), (a.UserTurns, a.Corrections, a.ToolCalls, a.ToolFailures, a.ApiErrors, a.Interrupts));
        Assert.Equal(["claude-sonnet-4-5-20250929", "claude-haiku-4-5-20251001"], a.Models);
    }

    [Fact]
    public void ParseTimeZone_UnknownName_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ReportArguments.ParseTimeZone("Mars/Olympus_Mons"));
        Assert.Same(TimeZoneInfo.Utc, ReportArguments.ParseTimeZone("utc"));
        Assert.Same(TimeZoneInfo.Local, ReportArguments.ParseTimeZone(null));
    }

    [Fact]
    public void ParseDate_NotADate_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => ReportArguments.ParseDate("--since", "yesterday"));
    }

    [Fact]
    public void Text_Daily_HasAHeaderATotalAndModelRowsUnderBreakdown()
    {
        var rows = UsageReport.ByPeriod(fx.Store, UsagePeriod.Day, Utc(system: LogSources.ClaudeCodeSystem));

        string text = UsageReportRenderer.Text("Date", rows, breakdown: true);

        Assert.StartsWith("Date", text);
        Assert.Contains("└ claude-opus-4-1-20250805", text);
        Assert.Contains("Total", text.Split('\n')[^2]);
        Assert.Contains("0.3950", text);
    }

    [Fact]
    public void Json_Daily_HasRowsAndTotals()
    {
        var rows = UsageReport.ByPeriod(fx.Store, UsagePeriod.Day, Utc(system: LogSources.CodexSystem));

        using var doc = JsonDocument.Parse(UsageReportRenderer.Json("daily", TimeZoneInfo.Utc, rows, breakdown: true));

        var first = doc.RootElement.GetProperty("rows")[0];
        Assert.Equal("2025-05-12", first.GetProperty("date").GetString());
        Assert.Equal(14800, doc.RootElement.GetProperty("totals").GetProperty("input_tokens").GetInt64());
        Assert.Equal(JsonValueKind.Array, first.GetProperty("breakdown").ValueKind);
    }
}
