// Measures detector version 1 on its labelled English sets in tests/data/detector and holds it to its targets:
// precision first (a false correction misleads a comparison), recall good enough to be useful. Version 2 is held to
// its own targets in DetectorV2EvaluationTests.
using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;
using ZosTelemetry.Detection;

namespace ZosTelemetry.Tests;

public sealed class DetectorEvaluationTests
{
    private const double MinPrecision = 0.95;
    private const double MinRecall = 0.70;

    private readonly ITestOutputHelper output;

    public DetectorEvaluationTests(ITestOutputHelper output)
    {
        this.output = output;
    }

    private sealed record Case(string Text, bool Label, string Category);

    private sealed record Score(int TruePositives, int FalsePositives, int FalseNegatives, int TrueNegatives)
    {
        public double Precision => TruePositives + FalsePositives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalsePositives);

        public double Recall => TruePositives + FalseNegatives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalseNegatives);
    }

    private static List<Case> Load(string name)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "data", "detector", name);
        var cases = new List<Case>();
        foreach (string line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            cases.Add(new Case(
                root.GetProperty("text").GetString()!,
                root.GetProperty("label").GetBoolean(),
                root.TryGetProperty("category", out var c) ? c.GetString() ?? "" : ""));
        }

        return cases;
    }

    private Score Evaluate(string name)
    {
        var cases = Load(name);
        int tp = 0, fp = 0, fn = 0, tn = 0;
        var misses = new List<string>();
        foreach (var c in cases)
        {
            bool fired = CorrectionDetector.IsCorrection(c.Text, 1);
            switch (fired, c.Label)
            {
                case (true, true): tp++; break;
                case (true, false): fp++; misses.Add($"  FP [{c.Category}] {c.Text}"); break;
                case (false, true): fn++; misses.Add($"  FN [{c.Category}] {c.Text}"); break;
                default: tn++; break;
            }
        }

        var score = new Score(tp, fp, fn, tn);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"{name}: n={cases.Count} tp={tp} fp={fp} fn={fn} tn={tn} precision={score.Precision:0.000} recall={score.Recall:0.000} (detector v1)"));
        foreach (string miss in misses)
        {
            output.WriteLine(miss);
        }

        return score;
    }

    [Fact]
    public void Detect_DevSet_LoadsBothClasses()
    {
        var cases = Load("dev.jsonl");

        Assert.Contains(cases, c => c.Label);
        Assert.Contains(cases, c => !c.Label);
    }

    [Fact]
    public void Detect_DevSet_PrecisionAtLeast95Percent()
    {
        Assert.InRange(Evaluate("dev.jsonl").Precision, MinPrecision, 1.0);
    }

    [Fact]
    public void Detect_DevSet_RecallAtLeast70Percent()
    {
        Assert.InRange(Evaluate("dev.jsonl").Recall, MinRecall, 1.0);
    }

    [Fact]
    public void Detect_HoldoutSet_PrecisionAtLeast95Percent()
    {
        Assert.InRange(Evaluate("holdout.jsonl").Precision, MinPrecision, 1.0);
    }

    [Fact]
    public void Detect_HoldoutSet_RecallAtLeast70Percent()
    {
        Assert.InRange(Evaluate("holdout.jsonl").Recall, MinRecall, 1.0);
    }

    // holdout2.jsonl was written independently after the rules were final and has never been used to tune them;
    // it is the honest estimate. Version 1 measured precision 0.955 and recall 0.667 on it at first sight, short of
    // the 0.70 recall aim: this floor keeps that figure from regressing, and the README reports it as measured.
    private const double UnseenRecallFloor = 0.66;

    [Fact]
    public void Detect_UnseenSet_PrecisionAtLeast95Percent()
    {
        Assert.InRange(Evaluate("holdout2.jsonl").Precision, MinPrecision, 1.0);
    }

    [Fact]
    public void Detect_UnseenSet_RecallDoesNotRegress()
    {
        Assert.InRange(Evaluate("holdout2.jsonl").Recall, UnseenRecallFloor, 1.0);
    }
}
