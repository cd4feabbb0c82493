// Scores a detector version on a labelled file (JSONL: {"text", "label": bool, "lang", "reason", "previous"?}),
// per language and overall: precision, recall and F1 with 95% Wilson intervals. "previous" is the same session's
// previous user turn, for the repeat signal. The file's text is read into memory only for the run and never written.
using System.Text.Json;

namespace ZosTelemetry.Detection;

public static class DetectorEvaluation
{
    /// <summary>The rows of one evaluation: one per language, in order of first appearance, then "all".</summary>
    public static IReadOnlyList<DetectorScore> Evaluate(string path, int version = CorrectionDetector.Version)
    {
        CorrectionDetector.CheckVersion(version);
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var order = new List<string>();
        var all = new int[4];
        int lineNumber = 0;
        ulong salt = TurnFingerprint.NewSalt();
        foreach (string line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var (text, label, language, previous) = Parse(line, path, lineNumber);
            bool fired;
            if (previous is not null && version >= 2)
            {
                CorrectionDetector.Detect(previous, version, null, out var before, salt);
                fired = CorrectionDetector.Detect(text, version, before, out _, salt).IsCorrection;
            }
            else
            {
                fired = CorrectionDetector.IsCorrection(text, version);
            }

            if (!counts.TryGetValue(language, out var c))
            {
                counts[language] = c = new int[4];
                order.Add(language);
            }

            int cell = (fired, label) switch { (true, true) => 0, (true, false) => 1, (false, true) => 2, _ => 3 };
            c[cell]++;
            all[cell]++;
        }

        var rows = order.Select(l => Score(l, counts[l], version)).ToList();
        rows.Add(Score("all", all, version));
        return rows;
    }

    /// <summary>The 95% Wilson score interval of successes out of n (0..1 when n is 0).</summary>
    public static (double Low, double High) Wilson(double successes, double n)
    {
        if (n <= 0)
        {
            return (0, 1);
        }

        const double z = 1.959963984540054;
        double p = successes / n;
        double denominator = 1 + (z * z / n);
        double centre = (p + (z * z / (2 * n))) / denominator;
        double half = z * Math.Sqrt((p * (1 - p) / n) + (z * z / (4 * n * n))) / denominator;
        return (Math.Max(0, centre - half), Math.Min(1, centre + half));
    }

    private static DetectorScore Score(string language, int[] c, int version) => new(language, version, c[0], c[1], c[2], c[3]);

    private static (string Text, bool Label, string Language, string? Previous) Parse(string line, string path, int lineNumber)
    {
        try
        {
            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (root.ValueKind == JsonValueKind.Object
                && root.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String
                && root.TryGetProperty("label", out var label) && label.ValueKind is JsonValueKind.True or JsonValueKind.False)
            {
                string language = root.TryGetProperty("lang", out var l) && l.ValueKind == JsonValueKind.String ? l.GetString()! : "en";
                string? previous = root.TryGetProperty("previous", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
                return (text.GetString()!, label.GetBoolean(), language, previous);
            }
        }
        catch (JsonException)
        {
            // reported below, without the line's text
        }

        throw new InvalidDataException($"{path}: line {lineNumber} is not an object with a string \"text\" and a true/false \"label\".");
    }
}

/// <summary>A detector version's score on one language of an evaluation set (or "all").</summary>
public sealed class DetectorScore
{
    public DetectorScore(string language, int detectorVersion, int truePositives, int falsePositives, int falseNegatives, int trueNegatives)
    {
        Language = language;
        DetectorVersion = detectorVersion;
        TruePositives = truePositives;
        FalsePositives = falsePositives;
        FalseNegatives = falseNegatives;
        TrueNegatives = trueNegatives;
        Precision = Ratio(truePositives, truePositives + falsePositives);
        Recall = Ratio(truePositives, truePositives + falseNegatives);
        F1 = Ratio(2.0 * truePositives, (2.0 * truePositives) + falsePositives + falseNegatives);
        (PrecisionLow, PrecisionHigh) = DetectorEvaluation.Wilson(truePositives, truePositives + falsePositives);
        (RecallLow, RecallHigh) = DetectorEvaluation.Wilson(truePositives, truePositives + falseNegatives);

        // F1 = TP / (TP + (FP + FN) / 2): the Wilson interval of that proportion, with the half-weighted errors as trials.
        (F1Low, F1High) = DetectorEvaluation.Wilson(truePositives, truePositives + ((falsePositives + falseNegatives) / 2.0));
    }

    public string Language { get; }

    public int DetectorVersion { get; }

    public int Messages => TruePositives + FalsePositives + FalseNegatives + TrueNegatives;

    public int TruePositives { get; }

    public int FalsePositives { get; }

    public int FalseNegatives { get; }

    public int TrueNegatives { get; }

    public double Precision { get; }

    public double PrecisionLow { get; }

    public double PrecisionHigh { get; }

    public double Recall { get; }

    public double RecallLow { get; }

    public double RecallHigh { get; }

    public double F1 { get; }

    public double F1Low { get; }

    public double F1High { get; }

    // With nothing to score, a ratio is 1 (no false positive among no positives), as the v1 tests count it.
    private static double Ratio(double a, double b) => b == 0 ? 1.0 : a / b;
}
