// The correction detector's snapshot of itself: labels correction and none, each known marker a feature present (1)
// or missing, so the class mix is the correction rate and a marker's missingness is one minus its firing rate.
using ZosTelemetry.Detection;
using ZosTelemetry.Snapshots;

namespace ZosTelemetry.Tests;

public sealed class DetectorSnapshotTests
{
    [Fact]
    public void Decisions_OfFourTexts_GiveTheCorrectionRateAndMarkerRates()
    {
        var builder = new SnapshotBuilder(new SnapshotOptions { System = DetectorSnapshot.DefaultSystem, SchemaVersion = DetectorSnapshot.SchemaVersion }, Make.Now);
        string[] texts = ["no, that's wrong", "thanks, that fixed it", "revert that please", "great, ship it"];
        var results = texts.Select(CorrectionDetector.Detect).ToList();
        foreach (var r in results)
        {
            builder.Add(DetectorSnapshot.Decision(r));
        }

        var s = builder.Build(Make.Now);

        double corrections = results.Count(r => r.IsCorrection) / 4.0;
        Assert.Equal(Math.Round(corrections, 4), s.ClassDistribution["correction"]);
        Assert.Equal(Math.Round(1 - corrections, 4), s.ClassDistribution["none"]);
        Assert.Equal(CorrectionDetector.KnownMarkers.OrderBy(m => m, StringComparer.Ordinal), s.FeatureMissingness.Keys);
        foreach (string marker in CorrectionDetector.KnownMarkers)
        {
            Assert.Equal(Math.Round(1 - (results.Count(r => r.Markers.Contains(marker)) / 4.0), 4), s.FeatureMissingness[marker]);
        }

        Assert.Equal("detector-v" + CorrectionDetector.Version, s.SchemaVersion);
        Assert.Null(s.ConfidenceStats);
    }

    [Fact]
    public void KnownMarkers_AreDistinctAndValidFeatureNames()
    {
        Assert.Equal(CorrectionDetector.KnownMarkers.Count, CorrectionDetector.KnownMarkers.Distinct().Count());
        Assert.All(CorrectionDetector.KnownMarkers, SnapshotRules.ValidateFeatureName);
    }
}
