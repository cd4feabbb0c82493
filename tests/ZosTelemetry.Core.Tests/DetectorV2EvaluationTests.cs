// Detector version 2 against its targets on the labelled sets of tests/data/detector: v2-dev.jsonl (tuned on) and
// v2-holdout.jsonl (written before the rules and never tuned on), precision >= 0.95 and recall >= 0.80 overall and
// >= 0.70 per language, version 1's figures printed beside; the English sets of version 1; and the import fixtures,
// whose user turns are labelled in fixture-turns.jsonl.
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using ZosTelemetry.Detection;
using ZosTelemetry.Events;
using ZosTelemetry.Import;

namespace ZosTelemetry.Tests;

public sealed class DetectorV2EvaluationTests(ITestOutputHelper output)
{
    private static string DataFile(string name) => Path.Combine(AppContext.BaseDirectory, "data", "detector", name);

    private IReadOnlyList<DetectorScore> Score(string file, int version)
    {
        var rows = DetectorEvaluation.Evaluate(DataFile(file), version);
        foreach (var r in rows)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{file} v{version} {r.Language}: n={r.Messages} tp={r.TruePositives} fp={r.FalsePositives} fn={r.FalseNegatives} P={r.Precision:0.000} [{r.PrecisionLow:0.00}-{r.PrecisionHigh:0.00}] R={r.Recall:0.000} [{r.RecallLow:0.00}-{r.RecallHigh:0.00}] F1={r.F1:0.000}"));
        }

        return rows;
    }

    [Theory]
    [InlineData("v2-dev.jsonl")]
    [InlineData("v2-holdout.jsonl")]
    public void Evaluate_VersionTwo_MeetsTheTargetsOverallAndPerLanguage(string file)
    {
        Score(file, 1);
        var rows = Score(file, 2);
        var all = rows.Single(r => r.Language == "all");

        Assert.InRange(all.Precision, 0.95, 1.0);
        Assert.InRange(all.Recall, 0.80, 1.0);
        Assert.All(rows, r => Assert.InRange(r.Recall, 0.70, 1.0));
        Assert.Equal(CorrectionMarkers.Languages.Order(), rows.Where(r => r.Language != "all").Select(r => r.Language).Order());
    }

    [Fact]
    public void Evaluate_Sets_HoldAtLeastFourHundredLabelledMessagesWithReasons()
    {
        int n = 0;
        foreach (string file in new[] { "v2-dev.jsonl", "v2-holdout.jsonl" })
        {
            foreach (string line in File.ReadLines(DataFile(file)))
            {
                using var doc = JsonDocument.Parse(line);
                Assert.False(string.IsNullOrWhiteSpace(doc.RootElement.GetProperty("reason").GetString()));
                Assert.Contains(doc.RootElement.GetProperty("lang").GetString(), CorrectionMarkers.Languages);
                n++;
            }
        }

        Assert.True(n >= 400, $"{n} labelled messages");
    }

    // The English sets written for version 1. dev.jsonl and then holdout.jsonl were used to tune version 2's English
    // rules; holdout2.jsonl never was (its misses were not read), so it is the honest English figure: version 2
    // measured precision 0.957 and recall 0.688 there, version 1 0.955 and 0.667. The floors keep those from regressing.
    [Theory]
    [InlineData("dev.jsonl", 0.95, 0.90)]
    [InlineData("holdout.jsonl", 0.95, 0.80)]
    [InlineData("holdout2.jsonl", 0.95, 0.68)]
    public void Evaluate_VersionOneEnglishSets_VersionTwoHoldsItsFloors(string file, double precision, double recall)
    {
        Score(file, 1);
        var all = Score(file, 2).Single(r => r.Language == "all");

        Assert.InRange(all.Precision, precision, 1.0);
        Assert.InRange(all.Recall, recall, 1.0);
    }

    [Fact]
    public void Wilson_EightOfTen_MatchesThePublishedInterval()
    {
        var (low, high) = DetectorEvaluation.Wilson(8, 10);

        Assert.Equal(0.4902, low, 3);
        Assert.Equal(0.9433, high, 3);
    }

    [Fact]
    public void Evaluate_MalformedLine_ThrowsWithTheLineNumberNotTheText()
    {
        using var temp = new TempRoot();
        string file = temp.Combine("bad.jsonl");
        File.WriteAllText(file, "{\"text\":\"fine\",\"label\":false}\n{\"text\":\"secret Quillfeather\"}\n");

        var ex = Assert.Throws<InvalidDataException>(() => DetectorEvaluation.Evaluate(file));

        Assert.Contains("line 2", ex.Message);
        Assert.DoesNotContain("Quillfeather", ex.Message);
    }

    [Fact]
    public void Import_Fixtures_VersionTwoMarksTheLabelledCorrectionsAndNoOtherTurn()
    {
        var labelled = File.ReadLines(DataFile("fixture-turns.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .GroupBy(r => r.GetProperty("session").GetString()!)
            .ToDictionary(g => g.Key, g => g.Count(r => r.GetProperty("label").GetBoolean()));
        var byVersion = new Dictionary<int, Dictionary<string, int>>();
        foreach (int version in new[] { 1, 2 })
        {
            using var fx = new ImportFixture();
            fx.Import(LogSource.ClaudeCode, detectorVersion: version);
            fx.Import(LogSource.Codex, detectorVersion: version);
            byVersion[version] = fx.Events(EventKinds.UserMessage).GroupBy(e => e.SessionId).ToDictionary(g => g.Key, g => g.Count(e => e.IsCorrection));
            Assert.All(fx.Store.ReadSessions(), s => Assert.Equal(version, s.DetectorVersion));
        }

        foreach (var (session, corrections) in labelled)
        {
            int v1 = byVersion[1].GetValueOrDefault(session), v2 = byVersion[2].GetValueOrDefault(session);
            output.WriteLine($"{session}: labelled {corrections}, v1 {v1}, v2 {v2}");
            Assert.Equal(corrections, v2);
            Assert.True(v2 >= v1);
        }
    }
}
