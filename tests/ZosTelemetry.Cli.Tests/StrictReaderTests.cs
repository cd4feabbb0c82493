// Issue 11.2: readers are as strict as writers. Rows that append would refuse (a token count beyond 1e12, a cost of
// 1e300, a date in the year 9999), written into the files by hand, by another writer or by a merge, are skipped with
// a warning by every reader, never summed, never copied, and reported by the doctor. Each command runs through
// CliApp.Run, the code a zos-telemetry process runs, so an unhandled exception fails the test instead of exiting 134.
using System.Globalization;
using System.Text;
using ZosTelemetry.Cli;

namespace ZosTelemetry.Tests;

public sealed class StrictReaderTests : IDisposable
{
    private static readonly DateTime Recent = DateTime.UtcNow.AddHours(-1);

    private readonly TempRoot temp = new();

    public void Dispose() => temp.Dispose();

    private string Root => temp.Path_;

    private static CliResult Cli(params string[] args)
    {
        using var stdout = new MemoryStream();
        using var stderr = new MemoryStream();
        int code = CliApp.Run(args, new MemoryStream(), stdout, stderr);
        return new CliResult(code, Encoding.UTF8.GetString(stdout.ToArray()), Encoding.UTF8.GetString(stderr.ToArray()));
    }

    private static string Ts(DateTime t) => t.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static string EventRow(string session, string ts, string tokensIn = "10", string cost = "0.5") =>
        $$"""{"schema":1,"ts":"{{ts}}","session_id":"{{session}}","system":"sys-a","context":null,"role":null,"kind":"assistant_message","model":"claude-sonnet-4-5","tokens_in":{{tokensIn}},"tokens_out":20,"cost_usd":{{cost}},"markers":[]}""";

    private static string SessionRow(string session, string cost) =>
        $$"""{"schema":1,"ts_closed":"{{Ts(Recent)}}","session_id":"{{session}}","system":"sys-a","context":null,"model":null,"detector_version":1,"turns":1,"user_turns":0,"corrections":0,"events":1,"tokens_in":10,"tokens_out":20,"cost_usd":{{cost}},"first_ts":"{{Ts(Recent)}}","last_ts":"{{Ts(Recent)}}","duration_s":0}""";

    private void Append(string sink, DateTime month, params string[] rows)
    {
        Directory.CreateDirectory(Root);
        File.AppendAllText(Path.Combine(Root, $"{sink}-{month:yyyy-MM}.jsonl"), string.Concat(rows.Select(r => r + "\n")));
    }

    [Fact]
    public void ReportSession_TokensBeyondTheLimit_RowSkippedWithAWarningNotACrash()
    {
        Append("events", Recent, EventRow("s1", Ts(Recent)), EventRow("s1", Ts(Recent), tokensIn: "5000000000000000000"), EventRow("s1", Ts(Recent), tokensIn: "5000000000000000000"));

        var r = Cli("report", "session", "--root", Root, "--json");

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("tokens_in 5000000000000000000 is out of range", r.Stderr);
        Assert.DoesNotContain("5000000000000000000", r.Stdout);
    }

    [Fact]
    public void Close_TokensBeyondTheLimit_SumsOnlyTheRowsInRange()
    {
        Append("events", Recent, EventRow("s1", Ts(Recent)), EventRow("s1", Ts(Recent), tokensIn: "5000000000000000000"), EventRow("s1", Ts(Recent), tokensIn: "5000000000000000000"));

        var r = Cli("close", "--root", Root, "--session-id", "s1");

        Assert.Equal(0, r.ExitCode);
        string summary = Assert.Single(temp.Lines("sessions-*.jsonl"));
        Assert.Contains("\"tokens_in\":10,", summary);
        Assert.Equal(0, Cli("report", "daily", "--root", Root, "--json").ExitCode);
    }

    [Fact]
    public void Doctor_RowsOutOfRange_ReportedAndRepairRemovesThem()
    {
        Append("events", Recent, EventRow("s1", Ts(Recent)), EventRow("s1", Ts(Recent), tokensIn: "5000000000000000000"), EventRow("s1", Ts(Recent), cost: "1E+300"));
        Append("sessions", Recent, SessionRow("s1", "1E+300"));

        var r = Cli("doctor", "--root", Root);

        Assert.Equal(1, r.ExitCode);
        Assert.Contains("out of range", r.Stdout + r.Stderr);
        Assert.Equal(0, Cli("doctor", "--root", Root, "--repair", "--yes").ExitCode);
        Assert.Single(temp.Lines("events-*.jsonl"));
        Assert.Empty(temp.Lines("sessions-*.jsonl"));
    }

    [Fact]
    public void Merge_SessionRowWithAHugeCost_NotCopied()
    {
        string other = Path.Combine(temp.Parent, "other");
        Directory.CreateDirectory(other);
        File.WriteAllText(Path.Combine(other, $"sessions-{Recent:yyyy-MM}.jsonl"), SessionRow("s9", "1E+300") + "\n" + SessionRow("s8", "0.25") + "\n");
        File.WriteAllText(Path.Combine(other, $"events-{Recent:yyyy-MM}.jsonl"), EventRow("s9", Ts(Recent), cost: "1E+300") + "\n");

        var r = Cli("merge", "--root", Root, other);

        Assert.Equal(0, r.ExitCode);
        string merged = string.Concat(temp.Lines("*.jsonl"));
        Assert.DoesNotContain("1E+300", merged, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"session_id\":\"s8\"", merged);
    }

    [Fact]
    public void ReportDaily_RowDatedInTheYear9999_SkippedInEveryTimeZone()
    {
        Append("events", Recent, EventRow("s1", Ts(Recent)));
        Append("events", new DateTime(9999, 12, 1), EventRow("s2", "9999-12-31T23:00:00.000Z"));

        var r = Cli("report", "daily", "--root", Root, "--timezone", "Pacific/Kiritimati", "--json");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotContain("9999", r.Stdout);
        Assert.DoesNotContain("DayNumber", r.Stderr);
        Assert.Contains("ts 9999-12-31T23:00:00Z is out of range", r.Stderr);
    }

    [Fact]
    public void Savings_EventWithACostOf1E300_NotShownAsA300DigitNumber()
    {
        Append("events", Recent, EventRow("s1", Ts(Recent)), EventRow("s1", Ts(Recent), cost: "1E+300"));

        var r = Cli("savings", "--root", Root, "--json");

        Assert.Equal(0, r.ExitCode);
        Assert.DoesNotMatch("[0-9]{40}", r.Stdout);
        Assert.Contains("cost_usd 1E+300 is out of range", r.Stderr);
    }
}
