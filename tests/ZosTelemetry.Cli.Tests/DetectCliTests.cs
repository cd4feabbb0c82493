// detect as users call it: --detector picks the version, session_id lines get the repeat signal, --evaluate scores
// a labelled file per language (table or --json) and says nothing of its text.
using System.Text;
using System.Text.Json;

namespace ZosTelemetry.Tests;

public sealed class DetectCliTests : IDisposable
{
    private static readonly string HoldOut = Path.Combine(AppContext.BaseDirectory, "data", "detector", "v2-holdout.jsonl");

    private readonly TempRoot root = new();

    public void Dispose() => root.Dispose();

    [Fact]
    public void Detect_DetectorOne_GivesVersionOnesMarkers()
    {
        var r = CliRunner.RunWithStdin("{\"text\":\"you misunderstood\"}\n", ["detect", "--detector", "1"]);

        Assert.Equal(0, r.ExitCode);
        Assert.Equal("{\"is_correction\":true,\"markers\":[\"corr.strong.2\"]}", r.Stdout.Trim());
    }

    [Fact]
    public void Detect_LinesOfOneSession_SecondRestatementMarksRepeat()
    {
        string lines = "{\"text\":\"add a retry to the upload function\",\"session_id\":\"s\"}\n{\"text\":\"please add a retry to the upload function\",\"session_id\":\"s\"}\n";

        var r = CliRunner.RunWithStdin(lines, ["detect"]);

        var rows = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("{\"is_correction\":false,\"markers\":[]}", rows[0]);
        Assert.Equal("{\"is_correction\":true,\"markers\":[\"corr.repeat\"]}", rows[1]);
    }

    [Fact]
    public void DetectEvaluate_Json_PrecisionRecallAndF1WithIntervalsPerLanguage()
    {
        var r = CliRunner.Run(["detect", "--evaluate", HoldOut, "--json"]);

        Assert.Equal(0, r.ExitCode);
        using var doc = JsonDocument.Parse(r.Stdout);
        Assert.Equal(2, doc.RootElement.GetProperty("detector_version").GetInt32());
        var languages = doc.RootElement.GetProperty("languages").EnumerateArray().ToList();
        Assert.Equal(["en", "de", "fr", "es", "pt", "ru", "zh", "ja", "all"], languages.Select(l => l.GetProperty("language").GetString()));
        var all = languages[^1];
        Assert.Equal(224, all.GetProperty("messages").GetInt32());
        foreach (string metric in new[] { "precision", "recall", "f1" })
        {
            var m = all.GetProperty(metric);
            Assert.InRange(m.GetProperty("low").GetDouble(), 0, m.GetProperty("value").GetDouble());
            Assert.InRange(m.GetProperty("high").GetDouble(), m.GetProperty("value").GetDouble(), 1);
        }
    }

    [Fact]
    public void DetectEvaluate_Table_OneRowPerLanguageAndNoMessageText()
    {
        var r = CliRunner.Run(["detect", "--evaluate", HoldOut, "--detector", "1"]);

        Assert.Equal(0, r.ExitCode);
        Assert.Contains("detector v1", r.Stdout);
        Assert.Contains("\nja ", r.Stdout);
        Assert.Contains("\nall ", r.Stdout);
        Assert.DoesNotContain("revert", r.Stdout, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DetectEvaluate_MalformedFile_ExitTwoWithTheLineNumber()
    {
        string file = Path.Combine(root.Path_, "bad.jsonl");
        Directory.CreateDirectory(root.Path_);
        File.WriteAllText(file, "{\"text\":\"zqsecret9981\"}\n", Encoding.UTF8);

        var r = CliRunner.Run(["detect", "--evaluate", file]);

        Assert.Equal(2, r.ExitCode);
        Assert.Contains("line 1", r.Stderr);
        Assert.DoesNotContain("zqsecret9981", r.Stderr);
    }

    [Fact]
    public void DetectEvaluate_MissingFile_ExitTwo()
    {
        var r = CliRunner.Run(["detect", "--evaluate", Path.Combine(root.Path_, "none.jsonl")]);

        Assert.Equal(2, r.ExitCode);
    }
}
