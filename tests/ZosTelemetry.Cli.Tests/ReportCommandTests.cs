// zos-telemetry report daily, as a process: totals per UTC day and system, filters, and refused arguments.
using System.Text.Json;

namespace ZosTelemetry.Tests;

public sealed class ReportCommandTests : IDisposable
{
    private readonly TempRoot root = new();

    public ReportCommandTests()
    {
        // 9 June: s1 (alpha) a corrected user turn and an answer; 10 June: s1 again and s2 (beta).
        Directory.CreateDirectory(root.Path_);
        File.WriteAllLines(Path.Combine(root.Path_, "events-2026-06.jsonl"),
        [
            """{"schema":1,"ts":"2026-06-09T10:00:00Z","session_id":"s1","system":"alpha","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":null,"markers":["corr.strong.1"]}""",
            """{"schema":1,"ts":"2026-06-09T10:00:30Z","session_id":"s1","system":"alpha","kind":"assistant_message","tokens_in":100,"tokens_out":50,"cost_usd":0.25,"markers":[]}""",
            """{"schema":1,"ts":"2026-06-10T09:00:00Z","session_id":"s1","system":"alpha","kind":"cost_tick","tokens_in":10,"tokens_out":0,"cost_usd":0.01,"markers":[]}""",
            """{"schema":1,"ts":"2026-06-10T11:00:00Z","session_id":"s2","system":"beta","kind":"user_message","tokens_in":0,"tokens_out":0,"cost_usd":null,"markers":[]}""",
        ]);
    }

    public void Dispose() => root.Dispose();

    private CliResult Zt(params string[] args) => CliRunner.Run([.. args, "--root", root.Path_]);

    [Fact]
    public void ReportDailyJson_EventsOverTwoDays_OneObjectPerDayAndSystem()
    {
        var r = Zt("report", "daily", "--json");

        Assert.Equal(0, r.ExitCode);
        var days = JsonDocument.Parse(r.Stdout).RootElement.EnumerateArray().ToList();
        Assert.Equal(["2026-06-09 alpha", "2026-06-10 alpha", "2026-06-10 beta"], days.Select(d => d.GetProperty("date").GetString() + " " + d.GetProperty("system").GetString()));
        var first = days[0];
        Assert.Equal(1, first.GetProperty("sessions").GetInt64());
        Assert.Equal(2, first.GetProperty("events").GetInt64());
        Assert.Equal(2, first.GetProperty("turns").GetInt64());
        Assert.Equal(1, first.GetProperty("user_turns").GetInt64());
        Assert.Equal(1, first.GetProperty("corrections").GetInt64());
        Assert.Equal(100, first.GetProperty("tokens_in").GetInt64());
        Assert.Equal(0.25, first.GetProperty("cost_usd").GetDouble());
        Assert.Empty(r.Stderr);
    }

    [Fact]
    public void ReportDaily_SystemAndSince_FilterTheTable()
    {
        var r = Zt("report", "daily", "--system", "alpha", "--since", "2026-06-10");

        Assert.Equal(0, r.ExitCode);
        var lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("Date", lines[0]);
        Assert.Matches(@"^2026-06-10  alpha\s+1\s+1\s+0\s+0\s+0\s+10\s+0\s+0\.0100$", Assert.Single(lines[1..]));
    }

    [Theory]
    [InlineData("report", "weekly")]
    [InlineData("report", "daily", "--since", "yesterday")]
    [InlineData("report")]
    public void Report_BadArguments_ExitTwoWithOneLine(params string[] args)
    {
        var r = Zt(args);

        Assert.Equal(2, r.ExitCode);
        Assert.Empty(r.Stdout);
        Assert.StartsWith("zos-telemetry: report", r.Stderr);
    }
}
