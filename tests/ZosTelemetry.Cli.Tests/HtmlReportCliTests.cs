// report html end to end, as a process: the page on stdout or in --output FILE, --json describing the file, the
// refusals (one stderr line, exit 2, nothing written) and the sample store of the README.
using System.Text.Json;
using ZosTelemetry.Events;
using ZosTelemetry.Store;

namespace ZosTelemetry.Tests;

public sealed class HtmlReportCliTests : IDisposable
{
    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    private CliResult Zt(params string[] args) =>
        CliRunner.Run([.. args, "--root", root.Path_], null, new Dictionary<string, string?> { ["ZOS_HOME"] = Path.Combine(root.Parent, "home") });

    private void Seed()
    {
        var store = new TelemetryStore(root.Path_);
        var now = DateTimeOffset.UtcNow;
        foreach (string system in new[] { "alpha", "beta" })
        {
            for (int i = 0; i < 3; i++)
            {
                string session = $"{system}-{i}";
                store.Append(
                [
                    new TelemetryEvent { Timestamp = now.AddDays(-i).AddMinutes(-5), SessionId = session, System = system, Kind = EventKinds.UserMessage, Markers = i == 0 ? ["corr.strong.1"] : [] },
                    new TelemetryEvent { Timestamp = now.AddDays(-i).AddMinutes(-4), SessionId = session, System = system, Kind = EventKinds.AssistantMessage, Model = "gpt-5", TokensIn = 1000, TokensOut = 100 },
                ]);
                store.Close(session);
            }
        }
    }

    [Fact]
    public void ReportHtml_NoOutput_WritesThePageToStdout()
    {
        Seed();

        var r = Zt("report", "html");

        Assert.Equal(0, r.ExitCode);
        Assert.StartsWith("<!DOCTYPE html>", r.Stdout, StringComparison.Ordinal);
        Assert.Contains("data-chart=\"h2h-corrections_per_session\"", r.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", r.Stdout, StringComparison.Ordinal);
        Assert.Equal("", r.Stderr);
    }

    [Fact]
    public void ReportHtml_OutputAndJson_WritesTheFileAndDescribesIt()
    {
        Seed();
        string file = Path.Combine(root.Parent, "report.html");

        var r = Zt("report", "html", "--system", "beta", "--system", "alpha", "--window", "30", "--output", file, "--json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        var o = json.RootElement;
        Assert.Equal(file, o.GetProperty("path").GetString());
        Assert.Equal(new FileInfo(file).Length, o.GetProperty("bytes").GetInt64());
        Assert.Equal(["beta", "alpha"], o.GetProperty("systems").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(30, o.GetProperty("window_days").GetInt32());
        Assert.Equal(6, o.GetProperty("sessions").GetInt64());
        Assert.Equal(["head-to-head", "trends", "cost", "alerts", "scores", "snapshot-drift"], o.GetProperty("sections").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(13, o.GetProperty("charts").GetArrayLength());
        // Seed's markers are given by hand, without detector version 2's det.v2 stamp: its sessions close as version 1.
        Assert.Equal([1], o.GetProperty("detector_versions").EnumerateArray().Select(e => e.GetInt32()));
        Assert.Contains("beta vs alpha", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public void ReportHtml_Output_OneLineSaysWhatWasWritten()
    {
        Seed();
        string file = Path.Combine(root.Parent, "r.html");

        var r = Zt("report", "html", "--output", file);

        Assert.Equal(0, r.ExitCode);
        Assert.Matches(@"^wrote .*r\.html \([\d,]+ bytes, 13 charts, 6 sessions\)\n$", r.Stdout);
    }

    [Theory]
    [InlineData(new[] { "--system", "a", "--system", "b", "--system", "c" }, "at most two systems")]
    [InlineData(new[] { "--window", "0" }, "1 day or more")]
    [InlineData(new[] { "--window", "x" }, "--window must be a whole number")]
    [InlineData(new[] { "--json" }, "give --output FILE")]
    [InlineData(new[] { "--bogus" }, "argument 1 after 'report html' is not an option report html takes")]
    public void ReportHtml_BadArguments_OneLineAndExit2(string[] args, string message)
    {
        Seed();
        var before = Directory.GetFiles(root.Path_).Order().Select(File.ReadAllBytes).ToArray();

        var r = Zt(["report", "html", .. args]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains(message, r.Stderr, StringComparison.Ordinal);
        Assert.Equal("", r.Stdout);
        Assert.Equal(before, Directory.GetFiles(root.Path_).Order().Select(File.ReadAllBytes).ToArray());
    }

    [Fact]
    public void ReportHtml_OutputIsADirectory_Exit2AndNothingWritten()
    {
        Seed();

        var r = Zt("report", "html", "--output", root.Parent);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("is a directory", r.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void ReportHtml_SampleStore_TheReadmesPage()
    {
        string samples = Path.Combine(ErrorsDocument.RepositoryRoot(), "samples", "store");
        string file = Path.Combine(root.Parent, "samples.html");

        var r = CliRunner.Run("report", "html", "--root", samples, "--output", file, "--json");

        Assert.Equal(0, r.ExitCode);
        using var json = JsonDocument.Parse(r.Stdout);
        Assert.Equal(60, json.RootElement.GetProperty("sessions").GetInt64());
        Assert.Equal(["claude-code", "codex"], json.RootElement.GetProperty("systems").EnumerateArray().Select(e => e.GetString()));
        Assert.True(new FileInfo(file).Length < 1_000_000);
    }
}
